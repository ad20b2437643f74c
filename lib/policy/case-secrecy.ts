import { decideCaseView } from "./conversation-access";
import type { CaseFacts, ConversationFacts, StaffFacts } from "./facts";

// Whether a refusal about a case may say why. To someone the case is not open to, any refusal
// would confirm that the id they tried is a real case (and hint at whose, or where), so they
// are told what a case that does not exist answers: CASE_NOT_FOUND. The access log still
// records the true reason, for auditors.

/** Reading and asking for a grant need the case held by the caller; anyone else's case is hidden. */
export function hidesHeldCase(staff: Pick<StaffFacts, "id">, kase: Pick<ConversationFacts, "assigneeId">): boolean {
  return kase.assigneeId !== staff.id;
}

/**
 * Claiming is open to a case nobody holds that the caller may see (its basis, every region,
 * no conflict); a case someone else holds, or one the caller may not see, is hidden.
 */
export function hidesClaimableCase(staff: StaffFacts, kase: Pick<CaseFacts, "assigneeId" | "basis" | "participants">): boolean {
  if (kase.assigneeId === staff.id) return false;
  return kase.assigneeId !== null || !decideCaseView(staff, kase, "case:claim").allow;
}
