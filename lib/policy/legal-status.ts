import type { StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";

// A legal request's life as a table: which status may follow which, and how each step is
// taken. The server moves a request only along these edges (lib/legal/request-status.ts), so
// a request is never disclosed before it is verified and approved, and a rejected or closed
// one never comes back. Verification (pass → VERIFIED, fail → REJECTED) has its own route and
// event (LEGAL_REQUEST_VERIFIED); DISCLOSED is set by building the disclosure package; the
// other steps are taken by hand on the request page and logged as LEGAL_REQUEST_STATUS_CHANGED.

export const LEGAL_STATUSES = ["RECEIVED", "VERIFYING", "VERIFIED", "APPROVED", "DISCLOSED", "REJECTED", "CLOSED"] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

/** How a step is taken: by hand on the request page, by the verification, or by building the package. */
export type TransitionKind = "manual" | "verification" | "package";

export const LEGAL_TRANSITIONS: Record<LegalStatus, Partial<Record<LegalStatus, TransitionKind>>> = {
  RECEIVED: { VERIFYING: "manual", VERIFIED: "verification", REJECTED: "verification", CLOSED: "manual" },
  VERIFYING: { RECEIVED: "manual", VERIFIED: "verification", REJECTED: "verification", CLOSED: "manual" },
  VERIFIED: { APPROVED: "manual", CLOSED: "manual" },
  APPROVED: { DISCLOSED: "package", CLOSED: "manual" },
  DISCLOSED: { CLOSED: "manual" },
  REJECTED: {},
  CLOSED: {},
};

/** Statuses still being worked: the queue lists them first, and only they can be overdue. */
export const OPEN_LEGAL_STATUSES: readonly LegalStatus[] = ["RECEIVED", "VERIFYING", "VERIFIED", "APPROVED"];

export function isOpenLegalStatus(status: string): boolean {
  return (OPEN_LEGAL_STATUSES as readonly string[]).includes(status);
}

/** The statuses a person may move a request to by hand from this one (the page offers only these). */
export function manualTargets(from: LegalStatus): LegalStatus[] {
  return LEGAL_STATUSES.filter((to) => LEGAL_TRANSITIONS[from][to] === "manual");
}

export type StatusChangeFacts = {
  staff: StaffFacts;
  request: { receivedById: string; verifiedById: string | null; status: LegalStatus };
  to: LegalStatus;
  kind: TransitionKind;
};

/**
 * Whether this step may be taken. Approval for disclosure is four-eyes like verification: the
 * specialist who took the request in never approves it (PRODUCT.md: LEGAL "may not verify or
 * approve a request it took in itself").
 */
export function decideStatusChange({ staff, request, to, kind }: StatusChangeFacts): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, "legal:track");
  if (!allowed.allow) return allowed;
  const edge = LEGAL_TRANSITIONS[request.status][to];
  if (edge !== kind) {
    return deny("LEGAL_BAD_TRANSITION", edge ? `${request.status} → ${to} is taken by ${edge === "package" ? "building the disclosure package" : "recording the verification"}.` : `${request.status} → ${to} is not a step a request can take.`);
  }
  if (to === "APPROVED" && request.receivedById === staff.id) return deny("LEGAL_SELF_APPROVAL");
  return { allow: true };
}
