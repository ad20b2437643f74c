import { describe, expect, it } from "vitest";
import { grantState, type GrantWatchRow } from "./grant-state";

// Every way a grant stops opening content, as the event channel reports it to the holder.

const now = new Date("2026-12-02T14:00:00Z");
const row = (over: Partial<GrantWatchRow> = {}): GrantWatchRow => ({
  id: "g1",
  staffId: "s1",
  caseId: "c1",
  status: "ACTIVE",
  expiresAt: new Date("2026-12-02T14:30:00Z"),
  endedAt: null,
  endedReason: null,
  reviewNote: "approved, scope is fine",
  revokedBy: null,
  caseStatus: "IN_REVIEW",
  caseDecision: null,
  decidedAt: null,
  decidedBy: null,
  ...over,
});
const ended = { status: "ENDED" as const, endedAt: new Date("2026-12-02T13:59:00Z") };

describe("grantState", () => {
  it("an active, unexpired grant on an open case is live", () => {
    expect(grantState(row(), now)).toEqual({ grantId: "g1", caseId: "c1", state: "live", expiresAt: "2026-12-02T14:30:00.000Z" });
  });

  it("a grant at its exact expiry instant is expired, with the expiry as the time", () => {
    expect(grantState(row({ expiresAt: now }), now)).toMatchObject({ state: "ended", cause: "expired", endedAt: now.toISOString(), endedBy: null });
  });

  it("a revocation names the lead and their reason (not the approver's earlier note)", () => {
    const s = grantState(row({ ...ended, endedReason: "revoked", revokedBy: "lead@custody.test", reviewNote: "wrong case" }), now);
    expect(s).toMatchObject({ state: "ended", cause: "revoked", endedBy: "lead@custody.test", reason: "wrong case", endedAt: "2026-12-02T13:59:00.000Z" });
  });

  it("a decision names who decided and what", () => {
    const s = grantState(row({ ...ended, endedReason: "case closed", caseStatus: "CLOSED", caseDecision: "WARN", decidedBy: "reviewer@custody.test", reviewNote: "note" }), now);
    expect(s).toMatchObject({ cause: "case-closed", endedBy: "reviewer@custody.test", decision: "WARN", reason: null });
    expect(grantState(row({ ...ended, endedReason: "case escalated", caseStatus: "ESCALATED", caseDecision: "ESCALATE", decidedBy: "r@x" }), now)).toMatchObject({ cause: "case-escalated", endedBy: "r@x" });
  });

  it("disabling, supersession and lapses each have their cause; only revocations carry a reason", () => {
    for (const [endedReason, cause] of [
      ["staff disabled", "holder-disabled"],
      ["superseded", "superseded"],
      ["superseded by approved expansion", "superseded"],
      ["approval lapsed", "lapsed"],
      ["something new", "ended"],
      [null, "ended"],
    ] as const) {
      expect(grantState(row({ ...ended, endedReason }), now)).toMatchObject({ state: "ended", cause, reason: null, endedBy: null });
    }
  });

  it("an active grant on a closed case is not live (defence in depth)", () => {
    expect(grantState(row({ caseStatus: "CLOSED", decidedBy: "x@y", decidedAt: now }), now)).toMatchObject({ state: "ended", cause: "case-closed", endedBy: "x@y" });
  });

  it("pending and rejected requests never opened content", () => {
    expect(grantState(row({ status: "PENDING" }), now)).toMatchObject({ state: "ended", cause: "pending" });
    expect(grantState(row({ status: "REJECTED" }), now)).toMatchObject({ state: "ended", cause: "rejected" });
  });
});
