import { describe, expect, it } from "vitest";
import type { CaseFacts, StaffFacts } from "./facts";
import { decideGrantRequest } from "./grant-request";
import { BASES, PURPOSES, purposesFor } from "./purposes";
import { ROLES, type Role } from "./roles";

// The purpose menu offers purposesFor(basis, roles). Over every basis, every single role and
// every pair of roles, and every purpose: a purpose is offered exactly when the server's
// decideGrantRequest does not refuse it for the purpose or the role (it may still refuse for
// reasons the menu cannot know, such as the justification, which this test keeps valid).

const roleSets: Role[][] = [...ROLES.map((r) => [r]), ...ROLES.flatMap((a, i) => ROLES.slice(i + 1).map((b) => [a, b]))];
const kase = (basis: CaseFacts["basis"]): CaseFacts => ({
  basis,
  status: "IN_REVIEW",
  assigneeId: "me",
  participants: [{ accountId: "a", dataRegion: "US", isProtected: false }],
  messageCount: 40,
  anchors: [20],
});

describe("purposesFor agrees with decideGrantRequest", () => {
  for (const basis of BASES) {
    for (const roles of roleSets) {
      it(`${basis} for ${roles.join("+")}`, () => {
        const staff: StaffFacts = { id: "me", roles, regions: ["US"], disabled: false, linkedAccountIds: [] };
        const offered = purposesFor(basis, roles);
        for (const purpose of PURPOSES) {
          const d = decideGrantRequest({ staff, kase: kase(basis), purpose, justification: "the reported insults need reading in context" });
          const refusedForPurpose = !d.allow && ["PURPOSE_MISMATCH", "ROLE"].includes(d.reason);
          const refusedBeforePurpose = !d.allow && d.reason === "ROLE_CONFLICT";
          if (refusedBeforePurpose) expect(offered).toEqual([]);
          else expect(offered.includes(purpose)).toBe(!refusedForPurpose);
        }
      });
    }
  }

  it("offers one purpose for a reviewer on a user report, none for an auditor", () => {
    expect(purposesFor("USER_REPORT", ["REVIEWER"])).toEqual(["USER_REPORT"]);
    expect(purposesFor("LEGAL_REQUEST", ["REVIEWER"])).toEqual([]);
    expect(purposesFor("LEGAL_REQUEST", ["LEGAL"])).toEqual(["LEGAL_PROCESS"]);
    expect(purposesFor("USER_REPORT", ["AUDITOR"])).toEqual([]);
  });
});
