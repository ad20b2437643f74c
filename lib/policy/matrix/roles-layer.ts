import { ALL_OPERATIONS, OPERATIONS, type OperationId } from "../operations";
import { decidePermission } from "../permissions";
import type { Role } from "../roles";
import { ALL_ROLE_SETS, conflicting, outcome, type MatrixCase } from "./types";

// Layer 1: every role set × every protected operation (routes and pages, from the registry
// that a separate test keeps in step with app/). The expectation restates the brief's roles
// table, not lib/policy/permissions.ts, so a drift in either shows up here.

const R: Role = "REVIEWER";
const L: Role = "LEAD";
const G: Role = "LEGAL";
const A: Role = "AUDITOR";
const D: Role = "ADMIN";

/** Who the brief lets attempt each operation (null: public). */
const BRIEF: Record<OperationId, readonly Role[] | null> = {
  "GET /api/health": null,
  "GET /api/ready": null,
  "GET /api/auth/[...nextauth]": null,
  "POST /api/auth/[...nextauth]": null,
  "PAGE /": null,
  "PAGE /signin": null,
  "GET /api/v1/openapi.json": null,
  "POST /api/v1/intake/accounts": null,
  "POST /api/v1/intake/messages": null,
  "POST /api/v1/intake/uploads": null,
  "POST /api/v1/intake/reports": null,
  "POST /api/v1/intake/appeals": null,
  "GET /api/v1/cases": [R, L, G],
  "PAGE /queue": [R, L, G],
  "PAGE /cases/{id}": [R, L, G],
  "PAGE /cases/{id}/thread": [R, L, G],
  "POST /api/v1/cases/{caseId}/claim": [R, L, G],
  "POST /api/v1/cases/{caseId}/decision": [R, L],
  "POST /api/v1/cases/{caseId}/grants": [R, L, G],
  "GET /api/v1/cases/{caseId}/messages": [R, L, G],
  "POST /api/v1/grants/{grantId}/scope": [R, L, G],
  "GET /api/v1/approvals": [L, G],
  "PAGE /approvals": [L, G],
  "POST /api/v1/grants/{grantId}/approve": [L, G],
  "POST /api/v1/grants/{grantId}/reject": [L, G],
  "POST /api/v1/grants/{grantId}/revoke": [L],
  "POST /api/v1/grants/{grantId}/post-hoc-review": [L, G],
  "GET /api/v1/staff": [D],
  "POST /api/v1/staff": [D],
  "PATCH /api/v1/staff/{staffId}": [D],
  "PAGE /staff": [D],
  "PAGE /staff/{id}": [D],
  // The brief: ADMIN "retry undelivered decisions"; the statements of reasons are the platform's compliance export.
  "POST /api/v1/admin/deliveries/{decisionId}/retry": [D],
  "GET /api/v1/admin/statements-of-reasons": [D],
  "PAGE /admin/deliveries": [D],
  "GET /api/v1/rules": [L],
  "POST /api/v1/rules": [L],
  "GET /api/v1/rules/{ruleId}": [L],
  "PUT /api/v1/rules/{ruleId}": [L],
  "POST /api/v1/rules/test": [L],
  "PAGE /rules": [L],
  "PAGE /rules/{id}": [L],
  "GET /api/v1/detection/regions": [D],
  "PUT /api/v1/detection/regions/{region}": [D],
  "PAGE /admin/detection": [D],
  "POST /api/v1/me/totp": [R, L, G],
  "POST /api/v1/me/step-up": [R, L, G],
  "PAGE /step-up": [R, L, G],
  // The brief: LEGAL takes in and verifies legal requests and places holds; nobody else.
  "GET /api/v1/legal/requests": [G],
  "POST /api/v1/legal/requests": [G],
  "POST /api/v1/legal/requests/{requestId}/verification": [G],
  "GET /api/v1/legal/requests/{requestId}/document": [G],
  "POST /api/v1/legal/holds": [G],
  "POST /api/v1/legal/holds/{holdId}/renew": [G],
  "POST /api/v1/legal/holds/{holdId}/release": [G],
  "PAGE /legal": [G],
  "PAGE /legal/new": [G],
  "PAGE /legal/{id}": [G],
  "GET /api/v1/me/access": [R, L, G, A, D],
  "GET /api/v1/me/events": [R, L, G, A, D],
  "PAGE /my-access": [R, L, G, A, D],
  "PAGE /team-access": [L],
  "GET /api/v1/audit/events": [A],
  "GET /api/v1/audit/account-report": [A],
  "POST /api/v1/audit/verify": [A],
  "GET /api/v1/audit/events/{seq}/proof": [A],
  "GET /api/v1/audit/checkpoints/latest": [A],
  "GET /api/v1/audit/checkpoints/consistency": [A],
  "GET /api/v1/audit/export": [A],
  "GET /api/v1/audit/exports/{exportId}/manifest": [A],
  "GET /api/v1/audit/public-key": null,
  "PAGE /audit": [A],
  "PAGE /audit/anomalies": [A],
  "PAGE /audit/activity": [A],
  "PAGE /audit/accounts": [A],
  "PAGE /audit/events/{seq}": [A],
  "PAGE /audit/verification": [A],
  "POST /api/v1/legal/requests/{requestId}/status": [G],
  "POST /api/v1/legal/notices/{noticeId}/given": [G],
  "POST /api/v1/grants/{grantId}/extend": [R, L, G],
  "GET /api/auth/oidc/start": null,
  "GET /api/auth/oidc/callback": null,
  "POST /api/auth/session/end": null,
  "GET /api/v1/me/passkeys": [R, L, G],
  "POST /api/v1/me/passkeys/options": [R, L, G],
  "POST /api/v1/me/passkeys": [R, L, G],
  "DELETE /api/v1/me/passkeys/{passkeyId}": [R, L, G],
  "POST /api/v1/me/step-up/passkey/options": [R, L, G],
  "POST /api/v1/me/step-up/passkey": [R, L, G],
  "POST /api/v1/legal/requests/{requestId}/package": [G],
  "POST /api/v1/audit/statements": [A],
};

export function roleLayer(): MatrixCase[] {
  return ALL_OPERATIONS.flatMap((op) =>
    ALL_ROLE_SETS.map((roles) => {
      const allowed = BRIEF[op];
      const expected = allowed === null ? "ALLOWED" : conflicting(roles) ? "ROLE_CONFLICT" : roles.some((r) => allowed.includes(r)) ? "ALLOWED" : "ROLE";
      const permission = OPERATIONS[op].permission;
      return {
        name: `${op} as [${roles.join("+") || "no role"}]`,
        actual: () => outcome(permission ? decidePermission(roles, permission) : { allow: true }),
        expected,
      };
    }),
  );
}
