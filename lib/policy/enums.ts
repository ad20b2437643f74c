// The enums of cases, grants and the log that no rule table owns (roles and regions are in
// roles.ts, purposes and bases in purposes.ts): what a report is about, where a case stands, how
// it may be decided, where a grant stands, how a logged attempt ended. prisma/schema.prisma
// declares the same values as database enums and enums.test.ts keeps the two equal; the UI's
// labels are keyed by these types, so a new value is a type error until it has a label.

export const CATEGORIES = ["HARASSMENT", "THREATS", "GROOMING", "SCAM", "HATE", "SELF_HARM"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CASE_STATUSES = ["OPEN", "IN_REVIEW", "ESCALATED", "CLOSED"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const DECISIONS = ["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND", "ESCALATE"] as const;
export type Decision = (typeof DECISIONS)[number];

export const GRANT_STATUSES = ["PENDING", "ACTIVE", "REJECTED", "ENDED"] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** How an attempt recorded in the access log ended: allowed, refused by the policy, or failed. */
export const OUTCOMES = ["ALLOWED", "DENIED", "FAILED"] as const;
export type Outcome = (typeof OUTCOMES)[number];
