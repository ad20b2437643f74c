import type { CaseFacts, ConversationFacts, StaffFacts } from "./facts";
import { decidePermission, type Permission } from "./permissions";
import { visibleBases } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// Attribute rules shared by every decision that touches one case's conversation.

/** Data residency: every participant's data region must be among the staff member's regions. */
export function decideResidency(staff: StaffFacts, kase: Pick<ConversationFacts, "participants">): PolicyDecision {
  const uncovered = [...new Set(kase.participants.map((p) => p.dataRegion).filter((r) => !staff.regions.includes(r)))];
  if (uncovered.length === 0) return { allow: true };
  return deny("RESIDENCY", `This conversation holds ${uncovered.join(", ")} data; your regions are ${staff.regions.join(", ") || "none"}.`);
}

/** Conflict of interest: no access to a conversation involving an account linked to the staff member. */
export function decideConflictOfInterest(staff: StaffFacts, kase: Pick<ConversationFacts, "participants">): PolicyDecision {
  return kase.participants.some((p) => staff.linkedAccountIds.includes(p.accountId)) ? deny("CONFLICT_OF_INTEREST") : { allow: true };
}

/** May this staff member see the case at all (its metadata, never content)? */
export function decideCaseView(staff: StaffFacts, kase: Pick<CaseFacts, "basis" | "participants">, permission: Permission = "case:read"): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, permission);
  if (!allowed.allow) return allowed;
  if (!visibleBases(staff.roles).includes(kase.basis)) return deny("CASE_NOT_VISIBLE");
  const residency = decideResidency(staff, kase);
  if (!residency.allow) return residency;
  return decideConflictOfInterest(staff, kase);
}

/**
 * Rules that hold for any access to a conversation's content, before and after a grant
 * exists: the role, an open case assigned to this person, residency and conflicts.
 */
export function decideConversationAccess(staff: StaffFacts, kase: ConversationFacts, permission: Permission = "content:read"): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, permission);
  if (!allowed.allow) return allowed;
  if (kase.status === "CLOSED") return deny("CASE_CLOSED");
  if (kase.assigneeId !== staff.id) return deny("NOT_ASSIGNED");
  const residency = decideResidency(staff, kase);
  if (!residency.allow) return residency;
  return decideConflictOfInterest(staff, kase);
}
