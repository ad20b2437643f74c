import { describe, expect, it } from "vitest";
import type { CaseFacts, GrantFacts, StaffFacts } from "./facts";
import { MIN_JUSTIFICATION } from "./limits";
import { decideScopeExpansion } from "./scope-expansion";

// Widening is refused for a grant that opens nothing (rejected, at its expiry instant) and for
// a justification that is long only because of its padding.

const now = new Date("2026-11-22T12:00:00Z");
const me = "me";
const staff: StaffFacts = { id: me, roles: ["REVIEWER"], regions: ["US"], disabled: false, linkedAccountIds: [] };
const kase: CaseFacts = { basis: "USER_REPORT", status: "IN_REVIEW", assigneeId: me, participants: [{ accountId: "a", dataRegion: "US", isProtected: false }], messageCount: 100, anchors: [50] };
const live: GrantFacts = { staffId: me, purpose: "USER_REPORT", status: "ACTIVE", expiresAt: new Date(now.getTime() + 60_000), scopeFrom: 40, scopeTo: 60 };
const widen = (grant: Partial<GrantFacts> = {}, justification = "to see how the exchange began") => {
  const d = decideScopeExpansion({ staff, kase, grant: { ...live, ...grant }, direction: "earlier", justification, now });
  return d.allow ? `ALLOWED ${d.scope.from}-${d.scope.to}` : d.reason;
};

describe("decideScopeExpansion", () => {
  it("widens a live grant by one step", () => {
    expect(widen()).toBe("ALLOWED 30-60");
  });

  it("refuses a rejected request as no grant at all", () => {
    expect(widen({ status: "REJECTED" })).toBe("NO_GRANT");
  });

  it("refuses a grant at its exact expiry instant, and allows it a millisecond before", () => {
    expect(widen({ expiresAt: now })).toBe("GRANT_EXPIRED");
    expect(widen({ expiresAt: new Date(now.getTime() + 1) })).toBe("ALLOWED 30-60");
  });

  it("counts the justification without its padding", () => {
    expect(widen({}, `   ${"x".repeat(MIN_JUSTIFICATION - 1)}      `)).toBe("JUSTIFICATION_TOO_SHORT");
    expect(widen({}, "x".repeat(MIN_JUSTIFICATION))).toBe("ALLOWED 30-60");
  });
});
