import { deny, type PolicyDecision } from "./reasons";
import { roleConflict, type Role } from "./roles";

// The one permission table: which roles may attempt which operation. Attribute rules
// (claim, grant, scope, residency, conflicts, step-up, limits) are decided on top of this in
// the other policy modules. lib/policy/operations.ts maps every route and page to one of
// these; the UI only hides what this table and those rules would refuse.
export const PERMISSIONS = {
  "queue:read": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "See the case queue (each role sees the bases it handles)" },
  "case:read": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "See a case's metadata, report and participants (never content)" },
  "case:claim": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "Claim an open case (escalated ones: leads)" },
  "case:decide": { roles: ["REVIEWER", "LEAD"], summary: "Record a decision, which closes the case and ends its grants" },
  "grant:request": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "Ask for an access grant with a purpose and justification" },
  "grant:expand": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "Widen one's own grant by 10 earlier or later messages" },
  "grant:approve": { roles: ["LEAD", "LEGAL"], summary: "Approve or reject someone else's pending request" },
  "grant:revoke": { roles: ["LEAD"], summary: "End someone's live grant early" },
  "grant:review-emergency": { roles: ["LEAD", "LEGAL"], summary: "Review emergency access after the fact: justified or not, with a note" },
  "content:read": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "Read in-scope DM content under one's own live grant" },
  "step-up:verify": { roles: ["REVIEWER", "LEAD", "LEGAL"], summary: "Enrol an authenticator and pass the TOTP step-up" },
  "history:own": { roles: ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"], summary: "See one's own reads, grants and denials" },
  "events:own": { roles: ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"], summary: "Hear, while a page is open, that one's own grant or session has ended (never content)" },
  "history:team": { roles: ["LEAD"], summary: "See the review team's reads, grants and denials (never content)" },
  "audit:read": { roles: ["AUDITOR"], summary: "Read and search the whole access log" },
  "audit:export": { roles: ["AUDITOR"], summary: "Export and verify the access log" },
  "staff:manage": { roles: ["ADMIN"], summary: "Create and disable staff; set roles, regions and account links" },
  "delivery:manage": { roles: ["ADMIN"], summary: "See decisions not yet delivered to the platform and retry their delivery (never content)" },
  "sor:export": { roles: ["ADMIN"], summary: "Export DSA statements of reasons in the EU Transparency Database shape, with no personal data" },
  "rules:manage": { roles: ["LEAD"], summary: "Write, change, switch off and test detection rules (tests run only on text typed into the page)" },
  "legal:intake": { roles: ["LEGAL"], summary: "Take in a legal request and upload its document (stored encrypted)" },
  "legal:read": { roles: ["LEGAL"], summary: "See the legal-request queue, a request's page and its document" },
  "legal:verify": { roles: ["LEGAL"], summary: "Verify a legal request someone else took in (four-eyes)" },
  "legal:hold": { roles: ["LEGAL"], summary: "Place, renew and release preservation holds (a hold never grants access)" },
  "detection:regions": { roles: ["ADMIN"], summary: "Switch proactive detection on or off per data region" },
  "legal:track": { roles: ["LEGAL"], summary: "Move a legal request through its statuses (approval is four-eyes) and record user notices once a non-disclosure order ends" },
  "legal:disclose": { roles: ["LEGAL"], summary: "Build a verified, approved request's disclosure package (logged as EXPORT before any content is decrypted)" },
} as const satisfies Record<string, { roles: readonly Role[]; summary: string }>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/**
 * Whether a role set may attempt an operation. A conflicting role set (say AUDITOR + REVIEWER,
 * left over from before the rule existed) may do nothing at all: failing closed is safer than
 * guessing which of the two roles was meant.
 */
export function decidePermission(roles: readonly Role[], permission: Permission): PolicyDecision {
  const conflict = roleConflict(roles);
  if (conflict) return deny("ROLE_CONFLICT", `${conflict.role} with ${conflict.other}: ${conflict.why}.`);
  const allowed: readonly Role[] = PERMISSIONS[permission].roles;
  return roles.some((r) => allowed.includes(r)) ? { allow: true } : deny("ROLE");
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return decidePermission(roles, permission).allow;
}
