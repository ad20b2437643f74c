import { EMERGENCY_MAX_HOURS, FLAG_SCOPE_RADIUS, REPORT_SCOPE_RADIUS } from "./limits";
import { decidePermission } from "./permissions";
import type { Role } from "./roles";

// The brief's table of bases, purposes and scopes, as data. Scope kinds:
//   anchors ± radius — the reported (or flagged) messages and that many either side;
//   legal-range      — the messages inside the legal request's date range;
//   window           — the time window the requester names (EMERGENCY, at most EMERGENCY_MAX_HOURS);
//   original-case    — the appealed case's anchors ± REPORT_SCOPE_RADIUS.
export const PURPOSES = ["USER_REPORT", "PROACTIVE_FLAG", "LEGAL_PROCESS", "EMERGENCY", "APPEAL"] as const;
export type Purpose = (typeof PURPOSES)[number];
export const BASES = ["USER_REPORT", "PROACTIVE_FLAG", "LEGAL_REQUEST", "EMERGENCY", "APPEAL"] as const;
export type Basis = (typeof BASES)[number];

export type ScopeRule = { kind: "anchors"; radius: number } | { kind: "legal-range" } | { kind: "window" } | { kind: "original-case"; radius: number };

export type PurposeRule = {
  basis: Basis;
  /** Roles that may request and use a grant with this purpose. */
  roles: readonly Role[];
  scope: ScopeRule;
  /** Second-person approval always needed for this purpose (other triggers apply to all). */
  alwaysNeedsApproval: boolean;
  /** Roles that may approve a request with this purpose (never the requester). */
  approvers: readonly Role[];
  /** Whether "show earlier / later messages" (EXPANSION_STEP at a time) may widen it (fixed scopes come from a request). */
  expandable: boolean;
  conditions: string;
};

export const PURPOSE_RULES: Record<Purpose, PurposeRule> = {
  USER_REPORT: {
    basis: "USER_REPORT",
    roles: ["REVIEWER", "LEAD"],
    scope: { kind: "anchors", radius: REPORT_SCOPE_RADIUS },
    alwaysNeedsApproval: false,
    approvers: ["LEAD"],
    expandable: true,
    conditions: "case claimed by / assigned to the reader",
  },
  PROACTIVE_FLAG: {
    basis: "PROACTIVE_FLAG",
    roles: ["REVIEWER", "LEAD"],
    scope: { kind: "anchors", radius: FLAG_SCOPE_RADIUS },
    alwaysNeedsApproval: false,
    approvers: ["LEAD"],
    expandable: true,
    conditions: "case claimed by / assigned to the reader",
  },
  LEGAL_PROCESS: {
    basis: "LEGAL_REQUEST",
    roles: ["LEGAL"],
    scope: { kind: "legal-range" },
    alwaysNeedsApproval: true,
    approvers: ["LEGAL"],
    expandable: false,
    conditions: "LEGAL role; the request is verified, by someone other than the reader; a participant is a named account",
  },
  EMERGENCY: {
    basis: "EMERGENCY",
    roles: ["REVIEWER", "LEAD", "LEGAL"],
    scope: { kind: "window" },
    alwaysNeedsApproval: true,
    approvers: ["LEAD"],
    expandable: false,
    conditions: `requested window of at most ${EMERGENCY_MAX_HOURS} h; approval recorded for post-hoc review`,
  },
  APPEAL: {
    basis: "APPEAL",
    roles: ["REVIEWER", "LEAD"],
    scope: { kind: "original-case", radius: REPORT_SCOPE_RADIUS },
    alwaysNeedsApproval: false,
    approvers: ["LEAD"],
    expandable: true,
    conditions: "a different reviewer than the original case's",
  },
};

export const PURPOSE_FOR_BASIS = Object.fromEntries(PURPOSES.map((p) => [PURPOSE_RULES[p].basis, p])) as Record<Basis, Purpose>;

export const PURPOSE_ROLES = Object.fromEntries(PURPOSES.map((p) => [p, PURPOSE_RULES[p].roles])) as Record<Purpose, readonly Role[]>;

/** Which case bases each role handles: what its queue lists and which cases it may open. */
export const BASES_BY_ROLE: Record<Role, readonly Basis[]> = {
  REVIEWER: ["USER_REPORT", "PROACTIVE_FLAG", "EMERGENCY", "APPEAL"],
  LEAD: ["USER_REPORT", "PROACTIVE_FLAG", "EMERGENCY", "APPEAL"],
  LEGAL: ["LEGAL_REQUEST", "EMERGENCY"],
  AUDITOR: [],
  ADMIN: [],
};

export function visibleBases(roles: readonly Role[]): Basis[] {
  return [...new Set(roles.flatMap((r) => BASES_BY_ROLE[r]))];
}

export type Scope = { from: number; to: number };

/** The anchors (reported or flagged positions) ± radius, clamped to the conversation. */
export function anchoredScope(anchors: readonly number[], radius: number, messageCount: number): Scope | null {
  if (anchors.length === 0 || messageCount === 0) return null;
  const from = Math.max(1, Math.min(...anchors) - radius);
  const to = Math.min(messageCount, Math.max(...anchors) + radius);
  return { from, to };
}

export function scopeWidth(scope: Scope): number {
  return scope.to - scope.from + 1;
}

/**
 * The purposes a grant request on a case with this basis can carry for these roles: exactly
 * the ones decideGrantRequest does not refuse with PURPOSE_MISMATCH or ROLE. The open-thread
 * form offers only these, so the reviewer is never given a choice the server would refuse.
 */
export function purposesFor(basis: Basis, roles: readonly Role[]): Purpose[] {
  if (!decidePermission(roles, "grant:request").allow) return [];
  return PURPOSES.filter((p) => p === PURPOSE_FOR_BASIS[basis] && roles.some((r) => PURPOSE_RULES[p].roles.includes(r)));
}
