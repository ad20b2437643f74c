import type { Role } from "./roles";

// The one permission table: which roles may attempt which operation. Attribute rules
// (claim, grant, scope, residency, conflicts) are decided on top of this in the other
// policy modules. The UI only hides what this table and those rules would refuse.
export const PERMISSIONS = {
  "queue:read": ["REVIEWER", "LEAD"],
  "case:read": ["REVIEWER", "LEAD", "LEGAL"],
  "case:claim": ["REVIEWER", "LEAD"],
  "case:decide": ["REVIEWER", "LEAD"],
  "grant:request": ["REVIEWER", "LEAD", "LEGAL"],
  "content:read": ["REVIEWER", "LEAD", "LEGAL"],
  "history:own": ["REVIEWER", "LEAD", "LEGAL"],
  "audit:read": ["AUDITOR"],
  "audit:export": ["AUDITOR"],
  "staff:manage": ["ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

export function can(roles: readonly Role[], permission: Permission): boolean {
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((r) => allowed.includes(r));
}
