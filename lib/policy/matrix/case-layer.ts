import { decideCaseDecision, decideClaim } from "../case-work";
import type { CaseStatus } from "../enums";
import type { CaseFacts } from "../facts";
import { BASES, type Basis } from "../purposes";
import type { Region, Role } from "../roles";
import { LINKED_ACCOUNT, ME, OTHER, ROLE_SAMPLES, conflicting, firstFailing, outcome, product, type MatrixCase } from "./types";

// Layer 6: claiming and deciding cases — role × basis × status × assignee × residency ×
// conflict of interest × (appeals) whether the claimant reviewed the original case.

const BASES_BY_ROLE: Record<Role, Basis[]> = {
  REVIEWER: ["USER_REPORT", "PROACTIVE_FLAG", "EMERGENCY", "APPEAL"],
  LEAD: ["USER_REPORT", "PROACTIVE_FLAG", "EMERGENCY", "APPEAL"],
  LEGAL: ["LEGAL_REQUEST", "EMERGENCY"],
  AUDITOR: [],
  ADMIN: [],
};

export function caseLayer(): MatrixCase[] {
  const combos = product({
    roles: ROLE_SAMPLES,
    basis: BASES,
    status: ["OPEN", "IN_REVIEW", "ESCALATED", "CLOSED"] as CaseStatus[],
    assignee: ["nobody", "me", "someone else"] as const,
    regionCovered: [true, false],
    linked: [false, true],
    reviewedOriginal: [false, true],
  });
  return combos.flatMap((c): MatrixCase[] => {
    const staff = { id: ME, roles: c.roles, regions: (c.regionCovered ? ["US", "EU"] : ["EU"]) as Region[], disabled: false, linkedAccountIds: c.linked ? [LINKED_ACCOUNT] : [] };
    const kase: CaseFacts = {
      basis: c.basis,
      status: c.status,
      assigneeId: c.assignee === "nobody" ? null : c.assignee === "me" ? ME : OTHER,
      participants: [{ accountId: LINKED_ACCOUNT, dataRegion: "US", isProtected: false }],
      messageCount: 10,
      anchors: [5],
      appealOf: c.basis === "APPEAL" ? { reviewerIds: c.reviewedOriginal ? [ME] : [OTHER], anchors: [5] } : null,
    };
    const claim = firstFailing([
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [c.roles.some((r) => ["REVIEWER", "LEAD", "LEGAL"].includes(r)), "ROLE"],
      [c.roles.some((r) => BASES_BY_ROLE[r].includes(c.basis)), "CASE_NOT_VISIBLE"],
      [c.regionCovered, "RESIDENCY"],
      [!c.linked, "CONFLICT_OF_INTEREST"],
      [c.status !== "CLOSED", "CASE_CLOSED"],
      [c.assignee !== "someone else", "ALREADY_CLAIMED"],
      [c.assignee === "me" || c.status !== "ESCALATED" || c.roles.includes("LEAD"), "ESCALATED_LEADS_ONLY"],
      [c.assignee === "me" || !(c.basis === "APPEAL" && c.reviewedOriginal), "SAME_REVIEWER"],
    ]);
    const decide = firstFailing([
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [c.roles.some((r) => r === "REVIEWER" || r === "LEAD"), "ROLE"],
      [c.status !== "CLOSED", "CASE_CLOSED"],
      [c.assignee === "me", "NOT_ASSIGNED"],
    ]);
    return [
      { name: `claim ${JSON.stringify(c)}`, actual: () => outcome(decideClaim(staff, kase)), expected: claim },
      { name: `decide ${JSON.stringify(c)}`, actual: () => outcome(decideCaseDecision(staff, kase)), expected: decide },
    ];
  });
}
