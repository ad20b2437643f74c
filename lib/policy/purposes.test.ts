import { describe, expect, it } from "vitest";
import { approvalTriggers } from "./approval-triggers";
import { WIDE_SCOPE_MESSAGES } from "./limits";
import { anchoredScope } from "./purposes";

// The default scope around the anchors, and the width at which a scope needs a second person.
describe("anchoredScope", () => {
  it("is the anchors ± the radius, clamped to the conversation", () => {
    expect(anchoredScope([20], 10, 40)).toEqual({ from: 10, to: 30 });
    expect(anchoredScope([3, 38], 10, 40)).toEqual({ from: 1, to: 40 });
  });

  it("is nothing without anchors, or without messages", () => {
    expect(anchoredScope([], 10, 40)).toBeNull();
    expect(anchoredScope([1], 10, 0)).toBeNull();
  });
});

describe("approvalTriggers: the scope's width", () => {
  const kase = { participants: [{ isProtected: false }] };
  it(`needs a second person past ${WIDE_SCOPE_MESSAGES} messages, not at ${WIDE_SCOPE_MESSAGES}`, () => {
    expect(approvalTriggers(kase, "USER_REPORT", { from: 1, to: WIDE_SCOPE_MESSAGES })).toEqual([]);
    expect(approvalTriggers(kase, "USER_REPORT", { from: 1, to: WIDE_SCOPE_MESSAGES + 1 })).toEqual(["WIDE_SCOPE"]);
  });
});
