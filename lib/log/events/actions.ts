// Every kind of event in the access log. Adding an action is a code change reviewed like any
// other, so an auditor's list of what can appear in the log is this file.
export const ACTIONS = [
  "CONTENT_READ",
  "SCOPE_EXPANDED",
  // Reserved (RESERVED_ACTIONS below): declared so the auditor's filters and the account
  // report already know them, written by no code yet.
  "IDENTITY_REVEALED",
  // A legal request's disclosure package built (lib/access/read-disclosed-messages.ts, ADR 028):
  // message_ids names every message in it, committed before any of them is decrypted.
  "EXPORT",
  "GRANT_REQUESTED",
  "GRANT_APPROVED",
  "GRANT_REJECTED",
  "GRANT_REVOKED",
  "GRANT_EXPIRED",
  // The after-the-fact review of an emergency grant; details.verdict is JUSTIFIED or NOT_JUSTIFIED.
  "EMERGENCY_REVIEWED",
  "CASE_CLAIMED",
  "CASE_DECIDED",
  "SIGN_IN",
  "SIGN_OUT",
  "SIGN_IN_FAILED",
  "STEP_UP",
  "STAFF_CHANGED",
  // A refusal by the permission table or a page's policy check, outside the events above;
  // details.operation names the route or page (lib/policy/operations.ts).
  "ACCESS_DENIED",
  "KEY_ROTATED",
  // A detection rule created or changed (a new version), with the rule before and after.
  "RULE_CHANGED",
  // An admin switched proactive detection on or off for a data region.
  "DETECTION_REGION_CHANGED",
  // An auditor's search of the log or account report lookup (lib/audit/search/record-search.ts).
  "AUDIT_SEARCHED",
  "AUDIT_VERIFIED",
  "AUDIT_EXPORTED",
  // An admin's retry of a decision's delivery to the platform (lib/outbox/retry-delivery.ts).
  "DELIVERY_RETRIED",
  // An admin's export of DSA statements of reasons (lib/outbox/export-statements.ts).
  "SOR_EXPORTED",
  // A LEGAL specialist took in a law-enforcement request (lib/legal/take-in-request.ts); account_ids are the named accounts.
  "LEGAL_REQUEST_RECEIVED",
  // A different LEGAL colleague's verification of a request: details.passed, the method and the red flags shown (lib/legal/verify-request.ts).
  "LEGAL_REQUEST_VERIFIED",
  // The request's uploaded document opened by LEGAL (lib/access/read-legal-document.ts, ADR 020), logged before it is decrypted.
  "LEGAL_DOCUMENT_READ",
  // Preservation holds on named accounts (lib/legal/holds.ts). A hold never grants access.
  "HOLD_PLACED",
  "HOLD_RENEWED",
  "HOLD_RELEASED",
  // A conversation's data keys deleted at retention expiry (crypto-shredding; lib/jobs/shred-expired.ts).
  "KEY_SHREDDED",
  // The sealer's witness alarm (lib/log/sealer/sealer.ts): no checkpoint has reached the witness
  // quorum for longer than CUSTODY_WITNESS_MAX_LAG (outcome FAILED), or that has cleared (ALLOWED).
  "WITNESS_LAG_ALARM",
  // Staff created from the command line by an operator (npm run staff:create), allowed or refused;
  // the bootstrap of a first admin on a non-demo database (lib/staff/create-staff-from-cli.ts).
  "STAFF_CREATED_BY_OPERATOR",
  // A legal request moved by hand along lib/policy/legal-status.ts (start verifying, approve for disclosure, close), allowed or refused (lib/legal/request-status.ts).
  "LEGAL_REQUEST_STATUS_CHANGED",
  // LEGAL recorded that the user was told of a request once its non-disclosure order ended (lib/legal/user-notices.ts).
  "LEGAL_USER_NOTICE_GIVEN",
  // The holder extended their live grant by a justified step (lib/access/extend-grant.ts, ADR 030):
  // details.before and after are the expiries, startedAt the start the 4-hour cap counts from.
  "GRANT_EXTENDED",
  // A sign-in through the OpenID provider that was refused (unknown or disabled person, an
  // identity already bound elsewhere, a bad state or token); the reason is in denial_reason (lib/auth/oidc/).
  "SIGN_IN_SSO_REFUSED",
  // A staff member added (with a TOTP code in the same request) or removed one of their own
  // passkeys for step-up (lib/auth/passkeys, ADR 025).
  "PASSKEY_ENROLLED",
  "PASSKEY_REMOVED",
  // An auditor issued a signed "who read my DMs" statement for one platform account and period
  // (lib/audit/statements/, ADR 029): details hold the period, the checkpoint and the counts.
  "AUDIT_STATEMENT_ISSUED",
] as const;

export type Action = (typeof ACTIONS)[number];

/**
 * Declared actions no code writes yet, each with the work that will write it. recordEvent
 * refuses them (they have no details schema in event-details.ts), and a unit test fails if a
 * declared action is neither written in lib/ nor listed here, so the list cannot rot.
 */
export const RESERVED_ACTIONS = {
  IDENTITY_REVEALED: "the workbench issue: unmasking a participant in the thread view (issue #8, section 1)",
} as const satisfies Partial<Record<Action, string>>;

export type ReservedAction = keyof typeof RESERVED_ACTIONS;
/** The actions recordEvent accepts: every declared one but the reserved. */
export type WritableAction = Exclude<Action, ReservedAction>;
