import { describe, expect, it } from "vitest";
import { describeDefinition, toDefinition, toDraft } from "./rule-draft";

describe("rule form draft", () => {
  it("round-trips a terms rule with proximity and a signals rule", () => {
    const terms = { kind: "terms" as const, terms: ["send", "pay now"], near: { terms: ["gift card"], within: 4 } };
    const signals = { kind: "signals" as const, signals: [{ label: "age", terms: ["how old are you", "what grade"] }, { label: "secret", terms: ["our secret"] }], threshold: 2, windowDays: 7 };
    expect(toDefinition(toDraft(terms))).toEqual(terms);
    expect(toDefinition(toDraft(signals))).toEqual(signals);
  });

  it("reads one term per line and signals as 'label: term, term', ignoring blank lines", () => {
    expect(toDefinition({ ...toDraft(null), terms: " idiot \n\n loser\n" })).toEqual({ kind: "terms", terms: ["idiot", "loser"], near: null });
    expect(toDefinition({ ...toDraft(null), kind: "signals", signals: "age: how old, grade\nsecret: dont tell", threshold: "2", windowDays: "3" })).toEqual({
      kind: "signals",
      signals: [{ label: "age", terms: ["how old", "grade"] }, { label: "secret", terms: ["dont tell"] }],
      threshold: 2,
      windowDays: 3,
    });
  });

  it("describes a definition in one line", () => {
    expect(describeDefinition({ kind: "terms", terms: ["send"], near: { terms: ["gift card"], within: 4 } })).toBe("“send” within 4 words of “gift card”");
    expect(describeDefinition({ kind: "signals", signals: [{ label: "a", terms: ["x"] }, { label: "b", terms: ["y"] }], threshold: 2, windowDays: 7 })).toBe("2 of 2 signals within 7 days: a, b");
  });
});
