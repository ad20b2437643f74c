// Why access was refused. The code goes into the access log's denial_reason; the message is
// what the person sees. Both must say enough for an auditor to understand the refusal.
export const DENIAL_REASONS = {
  UNAUTHENTICATED: "Sign in to continue.",
  ROLE: "Your role does not allow this.",
  CASE_NOT_FOUND: "No such case.",
  CASE_CLOSED: "This case is closed, so its thread can no longer be opened.",
  NOT_ASSIGNED: "This case is not claimed by or assigned to you.",
  ALREADY_CLAIMED: "Someone else has already claimed this case.",
  NO_GRANT: "You have no access grant for this case. State a purpose and justification first.",
  GRANT_EXPIRED: "Your access grant has expired. Request a new one to continue.",
  GRANT_ENDED: "Your access grant has ended (revoked, or the case was decided).",
  GRANT_PENDING: "Your access grant is awaiting second-person approval.",
  OUT_OF_SCOPE: "Some requested messages are outside your grant's scope.",
  PURPOSE_MISMATCH: "That purpose does not fit this case's basis.",
  JUSTIFICATION_TOO_SHORT: "A justification of at least 20 characters is required.",
  RESIDENCY: "Your region does not cover the data region of everyone in this conversation.",
  CONFLICT_OF_INTEREST: "This conversation involves an account linked to you.",
  DISABLED: "Your account is disabled.",
} as const;

export type DenialReason = keyof typeof DENIAL_REASONS;

export type PolicyDecision<T = object> = ({ allow: true } & T) | { allow: false; reason: DenialReason; message: string };

export function deny(reason: DenialReason): { allow: false; reason: DenialReason; message: string } {
  return { allow: false, reason, message: DENIAL_REASONS[reason] };
}
