import type { Permission } from "./permissions";
import type { RuleId } from "./rules";

// Every protected operation in Custody — each API route method and each page — with the
// permission it needs and the attribute rules it enforces. A unit test walks app/ and fails if
// a route or page is missing here, or if its file does not name its operation, so a new one
// cannot be forgotten. `permission: null` marks the few public entry points.

export type Operation = { permission: Permission | null; rules: readonly RuleId[]; summary: string };

const CONTENT_RULES = ["SESSION", "ROLE_CONFLICT", "ASSIGNMENT", "CASE_SECRECY", "RESIDENCY", "CONFLICT_OF_INTEREST", "GRANT_LIVE", "SCOPE", "STEP_UP", "READ_LIMIT"] as const;
const MUTATION = ["SESSION", "CSRF", "ROLE_CONFLICT"] as const;

export const OPERATIONS = {
  "GET /api/health": { permission: null, rules: [], summary: "Liveness and database check" },
  "GET /api/ready": { permission: null, rules: [], summary: "Readiness: database, sealer lag, checkpoint store, key provider (503 naming what fails)" },
  "GET /api/auth/[...nextauth]": { permission: null, rules: [], summary: "next-auth session, CSRF token and providers" },
  "POST /api/auth/[...nextauth]": { permission: null, rules: [], summary: "next-auth sign-in and sign-out" },
  "GET /api/v1/cases": { permission: "queue:read", rules: ["SESSION", "ROLE_CONFLICT", "CASE_VISIBILITY", "RESIDENCY", "CONFLICT_OF_INTEREST"], summary: "The queue" },
  "POST /api/v1/cases/{caseId}/claim": { permission: "case:claim", rules: [...MUTATION, "CASE_VISIBILITY", "RESIDENCY", "CONFLICT_OF_INTEREST", "CLAIM", "CASE_SECRECY"], summary: "Claim a case" },
  "POST /api/v1/cases/{caseId}/decision": { permission: "case:decide", rules: [...MUTATION, "ASSIGNMENT"], summary: "Decide a case (ends its grants)" },
  "POST /api/v1/cases/{caseId}/grants": {
    permission: "grant:request",
    rules: [...MUTATION, "ASSIGNMENT", "CASE_SECRECY", "RESIDENCY", "CONFLICT_OF_INTEREST", "PURPOSE", "SCOPE", "EMERGENCY_WINDOW", "SECOND_PERSON"],
    summary: "Request an access grant → 201 active or 202 pending approval",
  },
  "GET /api/v1/cases/{caseId}/messages": { permission: "content:read", rules: CONTENT_RULES, summary: "The only route that returns DM plaintext" },
  "POST /api/v1/grants/{grantId}/scope": {
    permission: "grant:expand",
    rules: [...MUTATION, "ASSIGNMENT", "RESIDENCY", "CONFLICT_OF_INTEREST", "GRANT_LIVE", "EXPANSION", "SECOND_PERSON"],
    summary: "Widen one's grant by 10 earlier or later messages → 200 widened or 202 pending",
  },
  "GET /api/v1/approvals": { permission: "grant:approve", rules: ["SESSION", "ROLE_CONFLICT", "APPROVER", "APPROVAL_EXPIRY"], summary: "Pending requests and live grants" },
  "POST /api/v1/grants/{grantId}/approve": { permission: "grant:approve", rules: [...MUTATION, "APPROVER", "APPROVAL_EXPIRY"], summary: "Approve someone else's request" },
  "POST /api/v1/grants/{grantId}/reject": { permission: "grant:approve", rules: [...MUTATION, "APPROVER", "APPROVAL_EXPIRY"], summary: "Reject someone else's request" },
  "POST /api/v1/grants/{grantId}/revoke": { permission: "grant:revoke", rules: [...MUTATION], summary: "End a live grant early" },
  "POST /api/v1/grants/{grantId}/post-hoc-review": { permission: "grant:review-emergency", rules: [...MUTATION, "POST_HOC_REVIEW"], summary: "Record the after-the-fact review of an emergency access" },
  "GET /api/v1/staff": { permission: "staff:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "List staff" },
  "POST /api/v1/staff": { permission: "staff:manage", rules: [...MUTATION], summary: "Create a staff member" },
  "PATCH /api/v1/staff/{staffId}": { permission: "staff:manage", rules: [...MUTATION, "SELF_CHANGE"], summary: "Change roles, regions, links or disabled" },
  "POST /api/v1/admin/deliveries/{decisionId}/retry": { permission: "delivery:manage", rules: [...MUTATION], summary: "Deliver an undelivered decision now (a given-up one gets a new 24-hour window); logged as DELIVERY_RETRIED" },
  "GET /api/v1/admin/statements-of-reasons": { permission: "sor:export", rules: ["SESSION", "ROLE_CONFLICT"], summary: "DSA statements of reasons for restricting decisions on EU accounts, JSON (EU Transparency Database API v2 fields, no personal data); logged as SOR_EXPORTED" },
  "POST /api/v1/me/totp": { permission: "step-up:verify", rules: [...MUTATION], summary: "Start authenticator enrolment" },
  "POST /api/v1/me/step-up": { permission: "step-up:verify", rules: [...MUTATION, "STEP_UP"], summary: "Pass the TOTP step-up" },
  "GET /api/v1/rules": { permission: "rules:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Detection rules: the current version of each and the rule-set version" },
  "POST /api/v1/rules": { permission: "rules:manage", rules: [...MUTATION], summary: "Create a detection rule (version 1); logged as RULE_CHANGED" },
  "GET /api/v1/rules/{ruleId}": { permission: "rules:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "One detection rule with its version history" },
  "PUT /api/v1/rules/{ruleId}": { permission: "rules:manage", rules: [...MUTATION], summary: "Change a detection rule (a new version; a stale edit is 409); logged as RULE_CHANGED" },
  "POST /api/v1/rules/test": { permission: "rules:manage", rules: [...MUTATION], summary: "Test a draft rule against text typed into the page (never stored DMs); the text is not kept or logged" },
  "GET /api/v1/detection/regions": { permission: "detection:regions", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Whether each data region is scanned" },
  "PUT /api/v1/detection/regions/{region}": { permission: "detection:regions", rules: [...MUTATION], summary: "Switch scanning of a data region on or off; logged as DETECTION_REGION_CHANGED" },
  "GET /api/v1/legal/requests": { permission: "legal:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "The legal-request queue, soonest due first, overdue ones marked" },
  "POST /api/v1/legal/requests": { permission: "legal:intake", rules: [...MUTATION, "LEGAL_BASIS"], summary: "Take in a legal request with its document (sealed at once); logged as LEGAL_REQUEST_RECEIVED" },
  "POST /api/v1/legal/requests/{requestId}/verification": { permission: "legal:verify", rules: [...MUTATION, "FOUR_EYES"], summary: "Record the verification of someone else's request; a pass opens its cases; logged as LEGAL_REQUEST_VERIFIED" },
  "GET /api/v1/legal/requests/{requestId}/document": { permission: "legal:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "The request's uploaded document, decrypted after LEGAL_DOCUMENT_READ commits (ADR 020)" },
  "POST /api/v1/legal/holds": { permission: "legal:hold", rules: [...MUTATION, "HOLD"], summary: "Place a preservation hold on a request's named accounts (or named handles); logged as HOLD_PLACED" },
  "POST /api/v1/legal/holds/{holdId}/renew": { permission: "legal:hold", rules: [...MUTATION, "HOLD"], summary: "Renew a hold for its period; logged as HOLD_RENEWED" },
  "POST /api/v1/legal/holds/{holdId}/release": { permission: "legal:hold", rules: [...MUTATION, "HOLD"], summary: "Release a hold; logged as HOLD_RELEASED" },
  "GET /api/v1/me/access": { permission: "history:own", rules: ["SESSION"], summary: "One's own reads, grants and denials" },
  "GET /api/v1/me/events": { permission: "events:own", rules: ["SESSION", "OWN_EVENTS"], summary: "One's own event channel (server-sent events): grants and the session ending" },
  "GET /api/v1/audit/events": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Search the access log" },
  "GET /api/v1/audit/account-report": { permission: "audit:export", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Per-account access report as CSV; logged" },
  "POST /api/v1/audit/verify": { permission: "audit:export", rules: ["SESSION", "CSRF", "ROLE_CONFLICT"], summary: "Verify the live log now, streaming progress (NDJSON); logged as AUDIT_VERIFIED" },
  "GET /api/v1/audit/events/{seq}/proof": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "An event's inclusion proof against a signed checkpoint" },
  "GET /api/v1/audit/checkpoints/latest": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "The latest signed checkpoint of the log" },
  "GET /api/v1/audit/checkpoints/consistency": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Consistency proof between two checkpoints" },
  "GET /api/v1/audit/export": { permission: "audit:export", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Export the log or a filtered selection (JSONL, CSV); logged" },
  "GET /api/v1/audit/exports/{exportId}/manifest": { permission: "audit:export", rules: ["SESSION", "ROLE_CONFLICT"], summary: "The signed manifest of a finished export" },
  "GET /api/v1/audit/public-key": { permission: null, rules: [], summary: "The public key that verifies checkpoints and manifests" },
  "GET /api/v1/openapi.json": { permission: null, rules: [], summary: "The OpenAPI document of the public API, generated from its zod schemas" },
  "POST /api/v1/intake/accounts": { permission: null, rules: ["SIGNED"], summary: "Platform intake: account facts (≤ 500), created or updated by platform id" },
  "POST /api/v1/intake/messages": { permission: null, rules: ["SIGNED"], summary: "Platform intake: DMs (≤ 500) with images, encrypted at once; proactive detection runs on them" },
  "POST /api/v1/intake/uploads": { permission: null, rules: ["SIGNED"], summary: "Platform intake: one image (≤ 5 MiB) ahead of its message, encrypted at once" },
  "POST /api/v1/intake/reports": { permission: null, rules: ["SIGNED"], summary: "Platform intake: a user report; opens a case or joins the conversation's open one" },
  "POST /api/v1/intake/appeals": { permission: null, rules: ["SIGNED"], summary: "Platform intake: an appeal of a delivered decision; opens an APPEAL case" },
  "PAGE /": { permission: null, rules: ["SESSION"], summary: "Sends each role to its home page" },
  "PAGE /signin": { permission: null, rules: [], summary: "Sign-in" },
  "PAGE /queue": { permission: "queue:read", rules: ["SESSION", "ROLE_CONFLICT", "CASE_VISIBILITY", "RESIDENCY", "CONFLICT_OF_INTEREST"], summary: "Queue" },
  "PAGE /cases/{id}": { permission: "case:read", rules: ["SESSION", "ROLE_CONFLICT", "CASE_VISIBILITY", "RESIDENCY", "CONFLICT_OF_INTEREST"], summary: "Case (no content)" },
  "PAGE /cases/{id}/thread": { permission: "case:read", rules: ["SESSION", "ROLE_CONFLICT", "CASE_VISIBILITY", "RESIDENCY", "CONFLICT_OF_INTEREST", "STEP_UP"], summary: "Thread view (content via the messages route)" },
  "PAGE /approvals": { permission: "grant:approve", rules: ["SESSION", "ROLE_CONFLICT", "APPROVER", "APPROVAL_EXPIRY"], summary: "Approvals inbox" },
  "PAGE /staff": { permission: "staff:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Staff administration" },
  "PAGE /staff/{id}": { permission: "staff:manage", rules: ["SESSION", "ROLE_CONFLICT", "SELF_CHANGE"], summary: "Edit one staff member" },
  "PAGE /admin/deliveries": { permission: "delivery:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Decisions not yet delivered to the platform, with retry; the statements-of-reasons export" },
  "PAGE /rules": { permission: "rules:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Detection rules: list, create, test against typed text" },
  "PAGE /rules/{id}": { permission: "rules:manage", rules: ["SESSION", "ROLE_CONFLICT"], summary: "One detection rule: edit, switch off, version history, test against typed text" },
  "PAGE /admin/detection": { permission: "detection:regions", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Scanning per data region (the legal basis), switched by admins" },
  "PAGE /legal": { permission: "legal:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Legal requests: the queue with deadlines, and the holds" },
  "PAGE /legal/new": { permission: "legal:intake", rules: ["SESSION", "ROLE_CONFLICT", "LEGAL_BASIS"], summary: "Take in a legal request" },
  "PAGE /legal/{id}": { permission: "legal:read", rules: ["SESSION", "ROLE_CONFLICT", "FOUR_EYES", "LEGAL_BASIS", "HOLD"], summary: "One legal request: red flags, verification, what the instrument allows, cases and holds" },
  "PAGE /step-up": { permission: "step-up:verify", rules: ["SESSION", "ROLE_CONFLICT"], summary: "TOTP enrolment and step-up" },
  "PAGE /my-access": { permission: "history:own", rules: ["SESSION"], summary: "My access history" },
  "PAGE /team-access": { permission: "history:team", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Team access history: what reviewers and leads read, asked for and were refused" },
  "PAGE /audit": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Access log" },
  "PAGE /audit/anomalies": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Anomaly signals with their evidence events" },
  "PAGE /audit/activity": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Charts of reads per day by purpose and top readers, with tables" },
  "PAGE /audit/accounts": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Per-account access report: who read an account's DMs, when and why" },
  "PAGE /audit/events/{seq}": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "One event's fields and its inclusion proof, checked in the browser" },
  "PAGE /audit/verification": { permission: "audit:read", rules: ["SESSION", "ROLE_CONFLICT"], summary: "Latest checkpoint, recent verifications and \"verify now\"" },
  "POST /api/v1/legal/requests/{requestId}/status": { permission: "legal:track", rules: [...MUTATION, "FOUR_EYES"], summary: "Move a request along its status table by hand (start verifying, approve for disclosure, close); logged as LEGAL_REQUEST_STATUS_CHANGED" },
  "POST /api/v1/legal/notices/{noticeId}/given": { permission: "legal:track", rules: [...MUTATION], summary: "Record that the user was told once a non-disclosure order ended (once); logged as LEGAL_USER_NOTICE_GIVEN" },
  "POST /api/v1/grants/{grantId}/extend": {
    permission: "grant:expand",
    rules: [...MUTATION, "ASSIGNMENT", "RESIDENCY", "CONFLICT_OF_INTEREST", "GRANT_LIVE", "STEP_UP", "EXTENSION"],
    summary: "Extend one's live grant by 30 minutes with a justification, at most 4 hours from its start; logged as GRANT_EXTENDED",
  },
  "GET /api/auth/oidc/start": { permission: null, rules: [], summary: "Start single sign-on: redirect to the OpenID provider (PKCE, state, nonce)" },
  "GET /api/auth/oidc/callback": { permission: null, rules: [], summary: "The OpenID provider's redirect back: ID token checks, staff match, session" },
  "POST /api/auth/session/end": { permission: null, rules: ["CSRF"], summary: "Sign out of an SSO session" },
  "POST /api/v1/legal/requests/{requestId}/package": {
    permission: "legal:disclose",
    rules: [...MUTATION, "LEGAL_BASIS", "STEP_UP"],
    summary: "Build an approved request's disclosure package (streamed ZIP); EXPORT naming every message and APPROVED → DISCLOSED commit together before anything is decrypted",
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof OPERATIONS;

export const ALL_OPERATIONS = Object.keys(OPERATIONS) as OperationId[];
