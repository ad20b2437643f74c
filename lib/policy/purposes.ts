import type { Role } from "./roles";

// The brief's table of bases, purposes and default scopes.
export const PURPOSES = ["USER_REPORT", "PROACTIVE_FLAG", "LEGAL_PROCESS", "EMERGENCY", "APPEAL"] as const;
export type Purpose = (typeof PURPOSES)[number];
export type Basis = "USER_REPORT" | "PROACTIVE_FLAG" | "LEGAL_REQUEST" | "EMERGENCY" | "APPEAL";

export const PURPOSE_FOR_BASIS: Record<Basis, Purpose> = {
  USER_REPORT: "USER_REPORT",
  PROACTIVE_FLAG: "PROACTIVE_FLAG",
  LEGAL_REQUEST: "LEGAL_PROCESS",
  EMERGENCY: "EMERGENCY",
  APPEAL: "APPEAL",
};

/** Messages either side of the reported or flagged messages in a default scope. */
export const SCOPE_RADIUS: Partial<Record<Purpose, number>> = { USER_REPORT: 10, PROACTIVE_FLAG: 5 };

export const PURPOSE_ROLES: Record<Purpose, readonly Role[]> = {
  USER_REPORT: ["REVIEWER", "LEAD"],
  PROACTIVE_FLAG: ["REVIEWER", "LEAD"],
  LEGAL_PROCESS: ["LEGAL"],
  EMERGENCY: ["REVIEWER", "LEAD", "LEGAL"],
  APPEAL: ["REVIEWER", "LEAD"],
};

export const MIN_JUSTIFICATION = 20;
export const DEFAULT_GRANT_MINUTES = 30;
export const MAX_GRANT_MINUTES = 240;

/** Default scope: the anchors (reported positions) ± radius, clamped to the conversation. */
export function defaultScope(anchors: readonly number[], radius: number, messageCount: number) {
  if (anchors.length === 0 || messageCount === 0) return null;
  const from = Math.max(1, Math.min(...anchors) - radius);
  const to = Math.min(messageCount, Math.max(...anchors) + radius);
  return { from, to };
}
