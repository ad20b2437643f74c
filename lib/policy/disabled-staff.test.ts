import { describe, expect, it } from "vitest";
import { decideApproval } from "./approval";
import { decideCaseDecision, decideClaim } from "./case-work";
import { decideCaseView } from "./conversation-access";
import type { CaseFacts, StaffFacts } from "./facts";
import { decideGrantRequest } from "./grant-request";
import type { PolicyDecision } from "./reasons";
import { decideRevocation } from "./revocation";
import { decideStaffChange } from "./staff-admin";

// A disabled staff member may do nothing, whatever else holds. Sessions of disabled staff
// resolve to nothing (lib/auth/session-store.ts), so this is the policy's own second line:
// each decision below would allow the same person, enabled, to do the same thing.

const now = new Date("2026-11-22T12:00:00Z");
const me = "me";
const person = (roles: StaffFacts["roles"], disabled: boolean): StaffFacts => ({ id: me, roles, regions: ["US"], disabled, linkedAccountIds: [] });
const kase = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  basis: "USER_REPORT",
  status: "IN_REVIEW",
  assigneeId: me,
  participants: [{ accountId: "a", dataRegion: "US", isProtected: false }],
  messageCount: 40,
  anchors: [20],
  ...over,
});
const reason = (d: PolicyDecision<object>) => (d.allow ? "ALLOWED" : d.reason);

const decisions: [string, (disabled: boolean) => PolicyDecision<object>][] = [
  ["seeing a case", (d) => decideCaseView(person(["REVIEWER"], d), kase())],
  ["claiming a case", (d) => decideClaim(person(["REVIEWER"], d), kase({ status: "OPEN", assigneeId: null }))],
  ["deciding a case", (d) => decideCaseDecision(person(["REVIEWER"], d), kase())],
  ["requesting a grant", (d) => decideGrantRequest({ staff: person(["REVIEWER"], d), kase: kase(), purpose: "USER_REPORT", justification: "the reported insults need reading in context" })],
  [
    "approving a request",
    (d) =>
      decideApproval({ approver: person(["LEAD"], d), request: { staffId: "someone", purpose: "USER_REPORT", status: "PENDING", approvalDueAt: new Date(now.getTime() + 60_000) }, kase: kase(), now }),
  ],
  ["revoking a grant", (d) => decideRevocation({ staff: person(["LEAD"], d), grant: { status: "ACTIVE", expiresAt: new Date(now.getTime() + 60_000) }, now })],
  ["changing someone's staff record", (d) => decideStaffChange({ actor: person(["ADMIN"], d), before: null, after: { roles: ["REVIEWER"], regions: ["US"], disabled: false, links: [] } })],
];

describe("a disabled staff member", () => {
  it.each(decisions)("is refused %s that the same person, enabled, may do", (_name, decide) => {
    expect(reason(decide(false))).toBe("ALLOWED");
    expect(reason(decide(true))).toBe("DISABLED");
  });
});
