// Every kind of event in the access log. Adding an action is a code change reviewed like any
// other, so an auditor's list of what can appear in the log is this file.
export const ACTIONS = [
  "CONTENT_READ",
  "SCOPE_EXPANDED",
  "IDENTITY_REVEALED",
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
  "AUDIT_SEARCHED",
  "AUDIT_VERIFIED",
  "AUDIT_EXPORTED",
] as const;

export type Action = (typeof ACTIONS)[number];
