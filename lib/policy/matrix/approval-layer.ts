import { decideApproval } from "../approval";
import type { GrantStatus } from "../enums";
import { PURPOSES, type Purpose } from "../purposes";
import type { Region, Role } from "../roles";
import { LINKED_ACCOUNT, ME, NOW, OTHER, ROLE_SAMPLES, conflicting, firstFailing, minutesAgo, outcome, product, type MatrixCase } from "./types";

// Layer 4: approving (and rejecting: same rules) — approver role × purpose × whose request ×
// request status × lapsed or not × case closed × approver residency × approver conflict.

const APPROVERS: Record<Purpose, Role[]> = { USER_REPORT: ["LEAD"], PROACTIVE_FLAG: ["LEAD"], APPEAL: ["LEAD"], EMERGENCY: ["LEAD"], LEGAL_PROCESS: ["LEGAL"] };

export function approvalLayer(): MatrixCase[] {
  return product({
    roles: ROLE_SAMPLES,
    purpose: PURPOSES,
    requester: ["someone else", "me"] as const,
    status: ["PENDING", "ACTIVE", "REJECTED", "ENDED"] as GrantStatus[],
    age: ["23h59m", "24h"] as const,
    closed: [false, true],
    regionCovered: [true, false],
    linked: [false, true],
  }).map((c) => {
    const approver = { id: ME, roles: c.roles, regions: (c.regionCovered ? ["US", "EU"] : ["US"]) as Region[], disabled: false, linkedAccountIds: c.linked ? [LINKED_ACCOUNT] : [] };
    const requestedAt = minutesAgo(c.age === "24h" ? 24 * 60 : 24 * 60 - 1);
    const expected = firstFailing([
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [c.roles.some((r) => r === "LEAD" || r === "LEGAL"), "ROLE"],
      [c.roles.some((r) => APPROVERS[c.purpose].includes(r)), "NOT_AN_APPROVER"],
      [c.requester !== "me", "SELF_APPROVAL"],
      [c.status === "PENDING", "NOT_PENDING"],
      [c.age !== "24h", "APPROVAL_EXPIRED"],
      [!c.closed, "CASE_CLOSED"],
      [c.regionCovered, "RESIDENCY"],
      [!c.linked, "CONFLICT_OF_INTEREST"],
    ]);
    return {
      name: `approve ${JSON.stringify(c)}`,
      actual: () =>
        outcome(
          decideApproval({
            approver,
            request: { staffId: c.requester === "me" ? ME : OTHER, purpose: c.purpose, status: c.status, approvalDueAt: new Date(requestedAt.getTime() + 24 * 3600_000) },
            kase: { status: c.closed ? "CLOSED" : "IN_REVIEW", participants: [{ accountId: LINKED_ACCOUNT, dataRegion: "US" }, { accountId: "p2", dataRegion: "EU" }] },
            now: NOW,
          }),
        ),
      expected,
    };
  });
}
