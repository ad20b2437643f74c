import { describe, expect, it } from "vitest";
import type { CaseFacts, StaffFacts } from "./facts";
import { decideGrantExtension, type ExtensionFacts } from "./grant-extension";
import { MINUTE } from "./limits";

// Extension: 30 minutes a step, never past 4 hours from the grant's start, only the holder's
// own live grant, with a justification and a fresh step-up.

const now = new Date("2026-12-04T12:00:00Z");
const me = "me";
const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
const staff: StaffFacts = { id: me, roles: ["REVIEWER"], regions: ["US"], disabled: false, linkedAccountIds: [] };
const kase: CaseFacts = { basis: "USER_REPORT", status: "IN_REVIEW", assigneeId: me, participants: [{ accountId: "a", dataRegion: "US", isProtected: false }], messageCount: 100, anchors: [50] };
const live: ExtensionFacts = { staffId: me, purpose: "USER_REPORT", status: "ACTIVE", expiresAt: at(10), scopeFrom: 40, scopeTo: 60, startedAt: at(-20) };
const extend = (grant: Partial<ExtensionFacts> = {}, opts: { justification?: string; stepUpAt?: Date | null; kase?: Partial<CaseFacts> } = {}) => {
  const d = decideGrantExtension({ staff, kase: { ...kase, ...opts.kase }, grant: { ...live, ...grant }, justification: opts.justification ?? "still reading the replies to the threat", stepUpAt: opts.stepUpAt === undefined ? at(-1) : opts.stepUpAt, now });
  return d.allow ? `+${d.addedMinutes} until ${(d.expiresAt.getTime() - now.getTime()) / MINUTE}` : d.reason;
};

describe("decideGrantExtension", () => {
  it("adds 30 minutes to the current expiry, not to now", () => {
    expect(extend()).toBe("+30 until 40");
  });

  it("stops at 4 hours from the start, with a short last step, then refuses", () => {
    expect(extend({ startedAt: at(-220), expiresAt: at(10) })).toBe("+10 until 20");
    expect(extend({ startedAt: at(-230), expiresAt: at(10) })).toBe("EXTENSION_CAP");
    expect(extend({ startedAt: at(-229), expiresAt: at(10) })).toBe("+1 until 11");
  });

  it("refuses someone else's grant, a rejected, pending, ended or expired one", () => {
    expect(extend({ staffId: "other" })).toBe("NO_GRANT");
    expect(extend({ status: "REJECTED" })).toBe("NO_GRANT");
    expect(extend({ status: "PENDING" })).toBe("GRANT_PENDING");
    expect(extend({ status: "ENDED" })).toBe("GRANT_ENDED");
    expect(extend({ expiresAt: now })).toBe("GRANT_EXPIRED");
  });

  it("needs a justification and a fresh step-up", () => {
    expect(extend({}, { justification: "   more please     " })).toBe("JUSTIFICATION_TOO_SHORT");
    expect(extend({}, { stepUpAt: null })).toBe("STEP_UP_REQUIRED");
    expect(extend({}, { stepUpAt: at(-16) })).toBe("STEP_UP_REQUIRED");
  });

  it("follows the case rules: closed, reassigned away", () => {
    expect(extend({}, { kase: { status: "CLOSED" } })).toBe("CASE_CLOSED");
    expect(extend({}, { kase: { assigneeId: "someone" } })).toBe("NOT_ASSIGNED");
  });
});
