import { decideCaseView } from "./conversation-access";
import type { CaseFacts, StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";

// Claiming and deciding cases. Claiming is where an appeal gets its different reviewer and an
// escalated case its lead; residency and conflicts are checked before anyone holds the case.

export function decideClaim(staff: StaffFacts, kase: CaseFacts): PolicyDecision {
  const view = decideCaseView(staff, kase, "case:claim");
  if (!view.allow) return view;
  if (kase.status === "CLOSED") return deny("CASE_CLOSED");
  if (kase.assigneeId === staff.id) return { allow: true };
  if (kase.assigneeId !== null) return deny("ALREADY_CLAIMED");
  if (kase.status === "ESCALATED" && !staff.roles.includes("LEAD")) return deny("ESCALATED_LEADS_ONLY");
  if (kase.basis === "APPEAL" && kase.appealOf?.reviewerIds.includes(staff.id)) return deny("SAME_REVIEWER");
  return { allow: true };
}

export function decideCaseDecision(staff: StaffFacts, kase: Pick<CaseFacts, "status" | "assigneeId">): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, "case:decide");
  if (!allowed.allow) return allowed;
  if (kase.status === "CLOSED") return deny("CASE_CLOSED");
  if (kase.assigneeId !== staff.id) return deny("NOT_ASSIGNED");
  return { allow: true };
}
