import { describe, expect, it } from "vitest";
import type { CaseFacts, StaffFacts } from "./facts";
import { decideGrantRequest, type GrantRequestFacts, type RequestedScope } from "./grant-request";
import { EMERGENCY_MAX_HOURS, HOUR, MIN_JUSTIFICATION } from "./limits";
import type { Purpose } from "./purposes";

// The edges of a grant request that the permission matrix does not walk: the justification's
// length, a requested scope at and past the conversation's ends and the anchors, the EMERGENCY
// window's width and its malformed forms, and a basis with nothing to scope.

const me = "me";
const reviewer: StaffFacts = { id: me, roles: ["REVIEWER"], regions: ["US"], disabled: false, linkedAccountIds: [] };
const kase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  basis: "USER_REPORT",
  status: "IN_REVIEW",
  assigneeId: me,
  participants: [{ accountId: "a", dataRegion: "US", isProtected: false }],
  messageCount: 40,
  anchors: [20],
  ...over,
});
const JUSTIFIED = "the reported insults need reading in context";
const decide = (over: Partial<GrantRequestFacts> = {}) => {
  const d = decideGrantRequest({ staff: reviewer, kase: kase(), purpose: "USER_REPORT", justification: JUSTIFIED, ...over });
  return d.allow ? `ALLOWED ${d.scope.from}-${d.scope.to}` : d.reason;
};
const positions = (from: number, to: number): RequestedScope => ({ kind: "positions", from, to });

describe("decideGrantRequest: the justification", () => {
  it("needs at least the minimum length once trimmed", () => {
    expect(decide({ justification: "x".repeat(MIN_JUSTIFICATION) })).toBe("ALLOWED 10-30");
    expect(decide({ justification: "x".repeat(MIN_JUSTIFICATION - 1) })).toBe("JUSTIFICATION_TOO_SHORT");
    expect(decide({ justification: `   ${"x".repeat(MIN_JUSTIFICATION - 1)}      ` })).toBe("JUSTIFICATION_TOO_SHORT");
  });
});

describe("decideGrantRequest: a requested position range", () => {
  it.each([
    ["from the first message", 1, 25, "ALLOWED 1-25"],
    ["to the last message", 15, 40, "ALLOWED 15-40"],
    ["the anchor alone", 20, 20, "ALLOWED 20-20"],
    ["the anchor at its lower edge", 20, 30, "ALLOWED 20-30"],
    ["the anchor at its upper edge", 10, 20, "ALLOWED 10-20"],
    ["from position 0", 0, 25, "SCOPE_INVALID"],
    ["past the last message", 15, 41, "SCOPE_INVALID"],
    ["reversed", 25, 15, "SCOPE_INVALID"],
    ["starting after the anchor", 21, 30, "SCOPE_INVALID"],
    ["ending before the anchor", 10, 19, "SCOPE_INVALID"],
    ["of fractional positions", 10.5, 30, "SCOPE_INVALID"],
    ["of a fractional end", 10, 30.5, "SCOPE_INVALID"],
  ])("%s (%d–%d) → %s", (_name, from, to, want) => {
    expect(decide({ requested: positions(from, to) })).toBe(want);
  });

  it("is refused as a time window for a purpose scoped by positions", () => {
    expect(decide({ requested: { kind: "window", sentFrom: new Date(0), sentTo: new Date(HOUR), positions: { from: 1, to: 40 } } })).toBe("SCOPE_INVALID");
  });
});

describe("decideGrantRequest: an EMERGENCY window", () => {
  const emergency = (sentFrom: Date, sentTo: Date, inside: { from: number; to: number } | null = { from: 5, to: 15 }) =>
    decide({ kase: kase({ basis: "EMERGENCY", anchors: [] }), purpose: "EMERGENCY" as Purpose, requested: { kind: "window", sentFrom, sentTo, positions: inside } });
  const t0 = new Date("2026-10-01T00:00:00Z");
  const plus = (ms: number) => new Date(t0.getTime() + ms);

  it.each([
    ["of no width", 0, "ALLOWED 5-15"],
    ["of exactly the maximum", EMERGENCY_MAX_HOURS * HOUR, "ALLOWED 5-15"],
    ["a millisecond wider than the maximum", EMERGENCY_MAX_HOURS * HOUR + 1, "WINDOW_TOO_WIDE"],
    ["ending before it starts", -1, "SCOPE_INVALID"],
  ])("%s → %s", (_name, span, want) => {
    expect(emergency(t0, plus(span))).toBe(want);
  });

  it("refuses an unreadable date rather than taking it for a narrow window", () => {
    expect(emergency(new Date(Number.NaN), t0)).toBe("SCOPE_INVALID");
    expect(emergency(t0, new Date(Number.NaN))).toBe("SCOPE_INVALID");
  });

  it("opens nothing when no message falls inside the window", () => {
    expect(emergency(t0, plus(HOUR), null)).toBe("SCOPE_EMPTY");
  });
});

describe("decideGrantRequest: nothing to scope", () => {
  it("a report whose conversation has no anchors", () => {
    expect(decide({ kase: kase({ anchors: [] }) })).toBe("SCOPE_EMPTY");
  });

  it("an appeal without its original case", () => {
    expect(decide({ kase: kase({ basis: "APPEAL", appealOf: null }), purpose: "APPEAL" })).toBe("SCOPE_EMPTY");
  });

  it("a verified legal request without a date range", () => {
    const legal: StaffFacts = { ...reviewer, roles: ["LEGAL"] };
    const d = decideGrantRequest({
      staff: legal,
      kase: kase({ basis: "LEGAL_REQUEST", anchors: [], legal: { verifiedById: "colleague", namedAccountIds: ["a"], range: null, instrument: "SEARCH_WARRANT", jurisdiction: "US" } }),
      purpose: "LEGAL_PROCESS",
      justification: JUSTIFIED,
    });
    expect(d.allow ? "ALLOWED" : d.reason).toBe("SCOPE_EMPTY");
  });
});
