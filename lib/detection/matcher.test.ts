import { describe, expect, it } from "vitest";
import { RuleMatcher } from "./matcher";
import type { RuleDefinition } from "./rule-definition";

const terms = (t: string[], near: { terms: string[]; within: number } | null = null): { definition: RuleDefinition } => ({ definition: { kind: "terms", terms: t, near } });
const signals = (s: string[][], threshold = s.length): { definition: RuleDefinition } => ({
  definition: { kind: "signals", signals: s.map((t, i) => ({ label: `s${i}`, terms: t })), threshold, windowDays: 7 },
});

describe("RuleMatcher", () => {
  it("finds any rule's terms and phrases as whole words, after normalisation", () => {
    const m = new RuleMatcher([terms(["idiot", "total loser"]), terms(["scam"])]);
    expect(m.scan("you are an 1D10T")).toEqual([{ rule: 0, signal: null }]);
    expect(m.scan("such a TOTAL   l0s3r!!")).toEqual([{ rule: 0, signal: null }]);
    expect(m.scan("a total, loser")).toEqual([{ rule: 0, signal: null }]);
    expect(m.scan("idiotic scammer")).toEqual([]);
    expect(m.scan("this is a $cam and you're an idiot").map((h) => h.rule).sort()).toEqual([0, 1]);
    expect(m.scan("")).toEqual([]);
  });

  it("a rule with proximity matches only when its terms stand within N words of the other side", () => {
    const m = new RuleMatcher([terms(["send", "pay"], { terms: ["gift card"], within: 3 })]);
    expect(m.scan("send me a gift card")).toEqual([{ rule: 0, signal: null }]);
    expect(m.scan("a gift card, just pay")).toEqual([{ rule: 0, signal: null }]);
    expect(m.scan("send it to me and then later buy a gift card")).toEqual([]);
    expect(m.scan("send the code")).toEqual([]);
    expect(m.scan("gift card")).toEqual([]);
    // Exactly N words apart is within; N + 1 is not.
    expect(m.scan("send one two gift card")).toHaveLength(1);
    expect(m.scan("send one two three gift card")).toEqual([]);
  });

  it("reports each signal of a signals rule separately", () => {
    const m = new RuleMatcher([signals([["how old are you"], ["our secret", "dont tell"], ["snapchat"]])]);
    expect(m.scan("how old are you?")).toEqual([{ rule: 0, signal: 0 }]);
    expect(m.scan("it's our secret, add me on snapchat").sort((a, b) => a.signal! - b.signal!)).toEqual([
      { rule: 0, signal: 1 },
      { rule: 0, signal: 2 },
    ]);
    expect(m.scan("what a nice day")).toEqual([]);
  });

  it("shares one pattern between rules and reports each rule once per message", () => {
    const m = new RuleMatcher([terms(["loser"]), terms(["LOSER", "l0ser"])]);
    expect(m.patternCount).toBe(1);
    expect(m.scan("loser loser loser").map((h) => h.rule).sort()).toEqual([0, 1]);
  });

  it("explains which of the rule's own terms were found (for typed test text only)", () => {
    const m = new RuleMatcher([terms(["send"], { terms: ["gift card"], within: 2 }), terms(["idiot", "moron"])]);
    expect(m.explain("send a g1ft card, idiot")).toEqual([
      { rule: 1, signal: null, terms: ["idiot"] },
      { rule: 0, signal: null, terms: ["send", "gift card"] },
    ]);
  });

  it("stays fast on a long hostile message (no backtracking)", () => {
    const tag = (i: number) => [...String(i)].map((d) => "bcdfghjkmn"[Number(d)]).join("");
    const m = new RuleMatcher(Array.from({ length: 300 }, (_, i) => terms([`word${tag(i)}`, `a a a a ${tag(i)}`])));
    const text = "a ".repeat(5_000);
    const t0 = performance.now();
    expect(m.scan(text)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
