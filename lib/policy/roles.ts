export const ROLES = ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const REGIONS = ["US", "EU"] as const;
export type Region = (typeof REGIONS)[number];

/** Roles that may ever see DM content (given a basis and a grant). */
export const CONTENT_ROLES: readonly Role[] = ["REVIEWER", "LEAD", "LEGAL"];
