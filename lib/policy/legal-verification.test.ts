import { describe, expect, it } from "vitest";
import type { StaffFacts } from "./facts";
import { decideVerification } from "./legal-verification";
import { ROLES, type Role } from "./roles";

const me = (roles: Role[]): StaffFacts => ({ id: "me", roles, regions: ["US"], disabled: false, linkedAccountIds: [] });

describe("four-eyes verification of a legal request", () => {
  it.each(ROLES.filter((r) => r !== "LEGAL"))("%s may not verify", (role) => {
    expect(decideVerification({ staff: me([role]), request: { receivedById: "other", status: "RECEIVED" } })).toMatchObject({ allow: false, reason: "ROLE" });
  });
  it("the LEGAL colleague who took it in may not", () => {
    expect(decideVerification({ staff: me(["LEGAL"]), request: { receivedById: "me", status: "RECEIVED" } })).toMatchObject({ allow: false, reason: "LEGAL_SELF_VERIFICATION" });
  });
  it("another LEGAL colleague may, once", () => {
    expect(decideVerification({ staff: me(["LEGAL"]), request: { receivedById: "other", status: "RECEIVED" } })).toEqual({ allow: true });
    expect(decideVerification({ staff: me(["LEGAL"]), request: { receivedById: "other", status: "VERIFYING" } })).toEqual({ allow: true });
    for (const status of ["VERIFIED", "REJECTED", "CLOSED", "APPROVED", "DISCLOSED"]) {
      expect(decideVerification({ staff: me(["LEGAL"]), request: { receivedById: "other", status } })).toMatchObject({ allow: false, reason: "LEGAL_NOT_VERIFIABLE" });
    }
  });
  it("a disabled member or a conflicting role set may not", () => {
    expect(decideVerification({ staff: { ...me(["LEGAL"]), disabled: true }, request: { receivedById: "other", status: "RECEIVED" } })).toMatchObject({ reason: "DISABLED" });
    expect(decideVerification({ staff: me(["LEGAL", "AUDITOR"]), request: { receivedById: "other", status: "RECEIVED" } })).toMatchObject({ reason: "ROLE_CONFLICT" });
  });
});
