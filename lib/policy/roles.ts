// Staff roles and data regions, and the role combinations that separation of duties refuses.

export const ROLES = ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const REGIONS = ["US", "EU"] as const;
export type Region = (typeof REGIONS)[number];

/** Roles that may ever see DM content (given a basis and a grant). */
export const CONTENT_ROLES: readonly Role[] = ["REVIEWER", "LEAD", "LEGAL"];

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  REVIEWER: "Works the queue, claims cases, requests grants, reads in-grant messages, decides cases.",
  LEAD: "Everything a reviewer may; approves second-person requests (never their own); revokes grants; writes detection rules.",
  LEGAL: "Handles legal-request cases; reads scoped threads for them after another LEGAL colleague approves.",
  AUDITOR: "Reads, searches, verifies and exports the access log. Never reads DM content.",
  ADMIN: "Manages staff, roles, regions and account links; switches detection per data region. Never reads DM content; never changes their own roles.",
};

/**
 * Role pairs that are refused. An auditor who could read content would audit their own reads;
 * an admin who could read content could grant themselves the access they then use.
 */
export const ROLE_CONFLICTS: readonly { role: Role; conflictsWith: readonly Role[]; why: string }[] = [
  { role: "AUDITOR", conflictsWith: CONTENT_ROLES, why: "an auditor must not read the content whose access they audit" },
  { role: "ADMIN", conflictsWith: CONTENT_ROLES, why: "an admin must not hold the content access they can hand out" },
];

/** The first conflicting pair in a role set, or null when the set is allowed. */
export function roleConflict(roles: readonly Role[]): { role: Role; other: Role; why: string } | null {
  for (const rule of ROLE_CONFLICTS) {
    if (!roles.includes(rule.role)) continue;
    const other = roles.find((r) => rule.conflictsWith.includes(r));
    if (other) return { role: rule.role, other, why: rule.why };
  }
  return null;
}
