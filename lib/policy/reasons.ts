import { APPROVAL_TTL_HOURS, EMERGENCY_MAX_HOURS, MAX_GRANT_MINUTES, MIN_JUSTIFICATION, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, SIGN_IN_LOCK_MINUTES, STEP_UP_MINUTES, TOTP_LOCK_MINUTES } from "./limits";

// Why something was refused. The code goes into the access log's denial_reason; the message is
// what the person sees. Both must say enough for an auditor to understand the refusal.
export const DENIAL_REASONS = {
  UNAUTHENTICATED: "Sign in to continue.",
  SESSION_ENDED: "Your session has ended. Sign in again.",
  SESSION_IDLE: `Your session ended after ${SESSION_IDLE_MINUTES} minutes without activity. Sign in again.`,
  SESSION_MAX_AGE: `Your session reached its ${SESSION_MAX_HOURS}-hour limit. Sign in again.`,
  DISABLED: "Your account is disabled.",
  ROLE: "Your role does not allow this.",
  ROLE_CONFLICT: "This combination of roles is not allowed (separation of duties).",
  CASE_NOT_FOUND: "No such case, or not yours to open.",
  CASE_NOT_VISIBLE: "Cases with this basis are not handled by your role.",
  CASE_CLOSED: "This case is closed, so its thread can no longer be opened.",
  NOT_ASSIGNED: "This case is not claimed by or assigned to you.",
  ALREADY_CLAIMED: "Someone else has already claimed this case.",
  ESCALATED_LEADS_ONLY: "Escalated cases can only be claimed by a lead.",
  SAME_REVIEWER: "An appeal must be reviewed by someone other than the original case's reviewers.",
  NO_GRANT: "You have no access grant for this case. State a purpose and justification first.",
  GRANT_EXPIRED: "Your access grant has expired. Request a new one to continue.",
  GRANT_ENDED: "Your access grant has ended (revoked, or the case was decided).",
  GRANT_PENDING: "Your access grant is awaiting second-person approval.",
  GRANT_NOT_LIVE: "That grant is not active, so there is nothing to revoke.",
  OUT_OF_SCOPE: "Some requested messages are outside your grant's scope.",
  PURPOSE_MISMATCH: "That purpose does not fit this case's basis.",
  JUSTIFICATION_TOO_SHORT: `A justification of at least ${MIN_JUSTIFICATION} characters is required.`,
  SCOPE_INVALID: "The requested scope must lie inside the conversation and include the reported or flagged messages.",
  SCOPE_REQUIRED: "This purpose needs a requested time window.",
  SCOPE_EMPTY: "No messages fall inside the requested scope.",
  SCOPE_FIXED: "This purpose's scope is set by its request and cannot be widened here.",
  SCOPE_AT_EDGE: "The scope already reaches that end of the conversation.",
  WINDOW_TOO_WIDE: `An emergency request may cover at most a ${EMERGENCY_MAX_HOURS}-hour window.`,
  LEGAL_NOT_VERIFIED: "The legal request has not been verified yet.",
  LEGAL_SELF_VERIFIED: "You verified this legal request yourself; another LEGAL colleague must act on it.",
  LEGAL_BASIS: "The legal instrument does not allow disclosing this.",
  LEGAL_HOLD_ONLY: "This instrument allows a preservation hold and no access.",
  LEGAL_NOT_APPROVED: "Disclosure under this request awaits second-person approval.",
  LEGAL_SELF_VERIFICATION: "You took this request in; another LEGAL colleague must verify it.",
  LEGAL_NOT_VERIFIABLE: "This request is no longer awaiting verification.",
  LEGAL_NOT_FOUND: "No such legal request.",
  LEGAL_OUT_OF_RANGE: "Those messages lie outside the accounts or dates the legal request names.",
  HOLD_NOT_ALLOWED: "This request's instrument does not support a preservation hold.",
  HOLD_NOT_ACTIVE: "This hold has been released or has expired.",
  HOLD_MINIMUM: "A hold cannot be released before its minimum period has run.",
  HOLD_NO_RENEWAL: "This hold has used its renewals.",
  SHREDDED: "This conversation's content was destroyed at the end of its retention period (crypto-shredded); it can no longer be read.",
  NOT_NAMED_ACCOUNT: "No participant of this conversation is named in the legal request.",
  RESIDENCY: "Your regions do not cover the data region of everyone in this conversation.",
  CONFLICT_OF_INTEREST: "This conversation involves an account linked to you.",
  NOT_AN_APPROVER: "Your role cannot approve requests with this purpose.",
  SELF_APPROVAL: "Nobody approves their own request; another approver must decide.",
  NOT_PENDING: "This request is no longer awaiting approval.",
  APPROVAL_EXPIRED: `This request lapsed: it was not approved within ${APPROVAL_TTL_HOURS} hours.`,
  NOT_EMERGENCY: "Only emergency access is reviewed after the fact.",
  NOT_APPROVED: "This emergency request was never approved, so no access happened to review.",
  ALREADY_REVIEWED: "This emergency access has already been reviewed.",
  SELF_REVIEW: "Nobody reviews emergency access they held or approved; a colleague must.",
  STEP_UP_REQUIRED: `Confirm it is you with your authenticator code (needed every ${STEP_UP_MINUTES} minutes to read content).`,
  TOTP_NOT_ENROLLED: "Set up an authenticator app first.",
  TOTP_INVALID: "That code is not valid. Check your authenticator and try again.",
  TOTP_REUSED: "That code was already used. Wait for the next one.",
  TOTP_THROTTLED: "Too many wrong codes. Wait a moment before the next try.",
  TOTP_LOCKED: `Too many wrong codes: step-up is locked for this session. Sign out and in again (from this device, after ${TOTP_LOCK_MINUTES} minutes if still refused).`,
  SIGN_IN_THROTTLED: "Too many failed sign-ins. Wait a moment before trying again.",
  SIGN_IN_LOCKED: `Too many failed sign-ins: sign-in is locked for ${SIGN_IN_LOCK_MINUTES} minutes.`,
  READ_LIMIT: "You have reached the hourly limit of content reads. Try again later or ask a lead.",
  SELF_CHANGE: "Nobody changes their own roles, regions, links or status; ask another admin.",
  ROLES_REQUIRED: "A staff member needs at least one role.",
  REGION_REQUIRED: "A staff member with a content role needs at least one region.",
  // npm run staff:create is the bootstrap: once an admin exists, staff are made in the app.
  ADMIN_EXISTS: "An active admin already exists: create staff in the app, or pass --allow-with-admin to do it from the command line anyway.",
  EMAIL_TAKEN: "A staff member with this email already exists.",
  // Legal request tracking (ADR 031).
  LEGAL_BAD_TRANSITION: "A legal request cannot move to that status from where it is.",
  LEGAL_SELF_APPROVAL: "You took this request in; another LEGAL colleague must approve it for disclosure.",
  NOTICE_NOT_FOUND: "No such user-notice task.",
  NOTICE_ALREADY_GIVEN: "This user notice has already been recorded as given.",
  // Extending a grant (lib/policy/grant-extension.ts, ADR 030).
  EXTENSION_CAP: `This grant has reached its ${MAX_GRANT_MINUTES / 60}-hour limit, counted from when it started. Request a new grant to keep reading.`,
  // Single sign-on (lib/auth/oidc/, ADR 024): why a sign-in through the OpenID provider was refused.
  SSO_NOT_CONFIGURED: "Single sign-on is not set up on this deployment.",
  SSO_UNAVAILABLE: "The sign-in provider could not be reached. Try again in a moment; if it persists, tell your administrator.",
  SSO_STATE: "This sign-in was not started from this browser, or it was already used or has expired. Start again from the sign-in page.",
  SSO_PROVIDER_ERROR: "The sign-in provider did not complete the sign-in.",
  SSO_TOKEN_INVALID: "The sign-in provider's answer did not pass its checks (signature, issuer, audience or expiry).",
  SSO_UNKNOWN: "No Custody staff member matches this sign-in. Ask an admin to add you; staff are never created at sign-in.",
  SSO_ALREADY_LINKED: "This staff record is already linked to another single sign-on identity; ask an admin.",
  PACKAGE_NOT_APPROVED: "Only a legal request approved for disclosure (status approved) can have its package built.",
  LEGAL_ALREADY_DISCLOSED: "This legal request's disclosure package has already been built; a second one is not made (the first EXPORT event stands).",
  DISCLOSURE_EMPTY: "No approved access under this request covers any message in its accounts and dates: nothing to disclose.",
} as const;

export type DenialReason = keyof typeof DENIAL_REASONS;

export type Denial = { allow: false; reason: DenialReason; message: string };
export type PolicyDecision<T = object> = ({ allow: true } & T) | Denial;

/** A refusal; `detail` adds the specifics (e.g. which regions) to the standard message. */
export function deny(reason: DenialReason, detail?: string): Denial {
  return { allow: false, reason, message: detail ? `${DENIAL_REASONS[reason]} ${detail}` : DENIAL_REASONS[reason] };
}
