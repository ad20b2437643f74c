import { describe, expect, it } from "vitest";
import { testRule } from "./test-rule";

describe("testRule (the rules page's test box)", () => {
  it("says whether typed text matches a terms rule, and which of the rule's terms were found", () => {
    expect(testRule({ kind: "terms", terms: ["idiot", "loser"], near: null }, "what a L0SER")).toEqual({ matched: true, terms: ["loser"], signals: null, threshold: null });
    expect(testRule({ kind: "terms", terms: ["idiot"], near: null }, "idiotic")).toEqual({ matched: false, terms: [], signals: null, threshold: null });
  });

  it("for a signals rule, lists each signal as found or not and matches only when the threshold is reached", () => {
    const def = { kind: "signals" as const, signals: [{ label: "age", terms: ["how old are you"] }, { label: "secret", terms: ["our secret"] }, { label: "app", terms: ["add me on"] }], threshold: 2, windowDays: 7 };
    const one = testRule(def, "how old are you?");
    expect(one.matched).toBe(false);
    expect(one.signals).toEqual([
      { label: "age", found: true, terms: ["how old are you"] },
      { label: "secret", found: false, terms: [] },
      { label: "app", found: false, terms: [] },
    ]);
    expect(testRule(def, "how old are you? it's our secret").matched).toBe(true);
  });
});
