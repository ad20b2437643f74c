import { decideConflictOfInterest, decideResidency } from "./conversation-access";
import type { GrantStatus } from "./enums";
import type { ConversationFacts, StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import type { Purpose } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// Emergency access is approved in a hurry, so it is looked at again afterwards: once, by a
// lead or legal specialist who had no part in it (neither held nor approved the grant), for a
// conversation they could see themselves. The review records a verdict and a note; it changes
// nothing about the grant, which may still be live (a reviewer need not wait for its expiry).

export const POST_HOC_VERDICTS = ["JUSTIFIED", "NOT_JUSTIFIED"] as const;
export type PostHocVerdict = (typeof POST_HOC_VERDICTS)[number];

export type EmergencyGrantFacts = { staffId: string; approvedById: string | null; purpose: Purpose; status: GrantStatus; postHocReviewedAt: Date | null };

export function decidePostHocReview(input: { reviewer: StaffFacts; grant: EmergencyGrantFacts; kase: Pick<ConversationFacts, "participants"> }): PolicyDecision {
  const { reviewer, grant, kase } = input;
  if (reviewer.disabled) return deny("DISABLED");
  const allowed = decidePermission(reviewer.roles, "grant:review-emergency");
  if (!allowed.allow) return allowed;
  if (grant.purpose !== "EMERGENCY") return deny("NOT_EMERGENCY");
  if (grant.approvedById === null || grant.status === "PENDING" || grant.status === "REJECTED") return deny("NOT_APPROVED");
  if (grant.postHocReviewedAt !== null) return deny("ALREADY_REVIEWED");
  if (grant.staffId === reviewer.id || grant.approvedById === reviewer.id) return deny("SELF_REVIEW");
  const residency = decideResidency(reviewer, kase);
  if (!residency.allow) return residency;
  return decideConflictOfInterest(reviewer, kase);
}
