import { describe, expect, it } from "vitest";
import type { StaffFacts } from "./facts";
import { LEGAL_STATUSES, LEGAL_TRANSITIONS, decideStatusChange, manualTargets, type LegalStatus, type TransitionKind } from "./legal-status";
import { ROLES, type Role } from "./roles";

const me = (roles: Role[] = ["LEGAL"]): StaffFacts => ({ id: "me", roles, regions: ["US"], disabled: false, linkedAccountIds: [] });
const request = (status: LegalStatus, receivedById = "other") => ({ status, receivedById, verifiedById: null });
const KINDS: TransitionKind[] = ["manual", "verification", "package"];

describe("the legal request status table", () => {
  // Every (from, to, kind): allowed exactly when the table has that edge with that kind (and no four-eyes rule bites).
  const cells = LEGAL_STATUSES.flatMap((from) => LEGAL_STATUSES.flatMap((to) => KINDS.map((kind) => [from, to, kind] as const)));
  it.each(cells)("%s → %s by %s", (from, to, kind) => {
    const d = decideStatusChange({ staff: me(), request: request(from), to, kind });
    expect(d.allow).toBe(LEGAL_TRANSITIONS[from][to] === kind);
    if (!d.allow) expect(d.reason).toBe("LEGAL_BAD_TRANSITION");
  });

  it("rejected and closed requests never move again; nothing reaches DISCLOSED but from APPROVED, by the package", () => {
    expect(LEGAL_TRANSITIONS.REJECTED).toEqual({});
    expect(LEGAL_TRANSITIONS.CLOSED).toEqual({});
    const intoDisclosed = LEGAL_STATUSES.filter((s) => LEGAL_TRANSITIONS[s].DISCLOSED);
    expect(intoDisclosed).toEqual(["APPROVED"]);
    expect(LEGAL_TRANSITIONS.APPROVED.DISCLOSED).toBe("package");
    // Nothing is approved that was not verified first.
    expect(LEGAL_STATUSES.filter((s) => LEGAL_TRANSITIONS[s].APPROVED)).toEqual(["VERIFIED"]);
  });

  it("the page offers exactly the manual steps", () => {
    expect(manualTargets("RECEIVED")).toEqual(["VERIFYING", "CLOSED"]);
    expect(manualTargets("VERIFIED")).toEqual(["APPROVED", "CLOSED"]);
    expect(manualTargets("APPROVED")).toEqual(["CLOSED"]);
    expect(manualTargets("REJECTED")).toEqual([]);
  });

  it("whoever took a request in never approves it (four eyes)", () => {
    expect(decideStatusChange({ staff: me(), request: request("VERIFIED", "me"), to: "APPROVED", kind: "manual" })).toMatchObject({ allow: false, reason: "LEGAL_SELF_APPROVAL" });
    // Closing one's own request is fine.
    expect(decideStatusChange({ staff: me(), request: request("VERIFIED", "me"), to: "CLOSED", kind: "manual" })).toEqual({ allow: true });
  });

  it.each(ROLES.filter((r) => r !== "LEGAL"))("%s may not move a request", (role) => {
    expect(decideStatusChange({ staff: me([role]), request: request("RECEIVED"), to: "VERIFYING", kind: "manual" })).toMatchObject({ allow: false, reason: "ROLE" });
  });

  it("a disabled member or a conflicting role set may not", () => {
    expect(decideStatusChange({ staff: { ...me(), disabled: true }, request: request("RECEIVED"), to: "VERIFYING", kind: "manual" })).toMatchObject({ reason: "DISABLED" });
    expect(decideStatusChange({ staff: me(["LEGAL", "AUDITOR"]), request: request("RECEIVED"), to: "VERIFYING", kind: "manual" })).toMatchObject({ reason: "ROLE_CONFLICT" });
  });
});
