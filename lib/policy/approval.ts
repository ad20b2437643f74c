import { decideConflictOfInterest, decideResidency } from "./conversation-access";
import type { GrantStatus } from "./enums";
import type { ConversationFacts, StaffFacts } from "./facts";
import { APPROVAL_TTL_HOURS, HOUR } from "./limits";
import { decidePermission } from "./permissions";
import { PURPOSE_RULES, type Purpose } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// Second-person approval. Approve and reject follow the same rules: an approver of the right
// role for the purpose, never the requester, on a request that is still pending and younger
// than APPROVAL_TTL_HOURS, for a conversation the approver could see themselves (residency) and has no
// personal link to (conflict of interest).

export type PendingRequestFacts = { staffId: string; purpose: Purpose; status: GrantStatus; approvalDueAt: Date | null };

export function approvalDueAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + APPROVAL_TTL_HOURS * HOUR);
}

export function approvalHasLapsed(request: Pick<PendingRequestFacts, "approvalDueAt">, now: Date): boolean {
  return request.approvalDueAt !== null && request.approvalDueAt <= now;
}

/** Purposes this role set may approve (what the approvals inbox lists). */
export function approvablePurposes(approver: Pick<StaffFacts, "roles">): Purpose[] {
  return (Object.keys(PURPOSE_RULES) as Purpose[]).filter((p) => approver.roles.some((r) => PURPOSE_RULES[p].approvers.includes(r)));
}

export function decideApproval(input: {
  approver: StaffFacts;
  request: PendingRequestFacts;
  kase: Pick<ConversationFacts, "status" | "participants">;
  now: Date;
}): PolicyDecision {
  const { approver, request, kase, now } = input;
  if (approver.disabled) return deny("DISABLED");
  const allowed = decidePermission(approver.roles, "grant:approve");
  if (!allowed.allow) return allowed;
  if (!approvablePurposes(approver).includes(request.purpose)) return deny("NOT_AN_APPROVER");
  if (request.staffId === approver.id) return deny("SELF_APPROVAL");
  if (request.status !== "PENDING") return deny("NOT_PENDING");
  if (approvalHasLapsed(request, now)) return deny("APPROVAL_EXPIRED");
  if (kase.status === "CLOSED") return deny("CASE_CLOSED");
  const residency = decideResidency(approver, kase);
  if (!residency.allow) return residency;
  return decideConflictOfInterest(approver, kase);
}
