import type { CaseStatus, Decision } from "@/lib/dto";
import type { GrantEndCause, GrantState } from "./staff-event";

// A grant row as the event channel reads it (lib/events/watch-queries.ts), and what it means
// for the holder's open thread. Pure, so every way a grant ends is tested without a database.

export type GrantWatchRow = {
  id: string;
  staffId: string;
  caseId: string;
  status: "PENDING" | "ACTIVE" | "REJECTED" | "ENDED";
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  /** The revoking lead's reason once revoked (the approver's note before that). */
  reviewNote: string | null;
  revokedBy: string | null;
  caseStatus: CaseStatus;
  caseDecision: Decision | null;
  decidedAt: Date | null;
  decidedBy: string | null;
};

// The endedReason strings written where grants end (revoke-grant, decide-case, save-staff,
// request-grant, expand-scope, decide-request, expire-lapsed).
function causeOf(endedReason: string | null): GrantEndCause {
  if (endedReason === "revoked") return "revoked";
  if (endedReason === "case closed") return "case-closed";
  if (endedReason === "case escalated") return "case-escalated";
  if (endedReason === "staff disabled") return "holder-disabled";
  if (endedReason === "approval lapsed") return "lapsed";
  if (endedReason?.startsWith("superseded")) return "superseded";
  return "ended";
}

/** Live means ACTIVE, unexpired (expiresAt === now is expired) and on a case still open. */
export function grantState(row: GrantWatchRow, now: Date): GrantState {
  const base = { grantId: row.id, caseId: row.caseId, endedBy: null, reason: null, decision: null };
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  if (row.status === "PENDING") return { ...base, state: "ended", cause: "pending", endedAt: null };
  if (row.status === "REJECTED") return { ...base, state: "ended", cause: "rejected", endedAt: null };
  if (row.status === "ENDED") {
    const cause = causeOf(row.endedReason);
    if (cause === "revoked") return { ...base, state: "ended", cause, endedAt: iso(row.endedAt), endedBy: row.revokedBy, reason: row.reviewNote };
    if (cause === "case-closed" || cause === "case-escalated") return { ...base, state: "ended", cause, endedAt: iso(row.endedAt), endedBy: row.decidedBy, decision: row.caseDecision };
    return { ...base, state: "ended", cause, endedAt: iso(row.endedAt) };
  }
  // An ACTIVE grant on a closed case cannot open content either (the content route refuses it).
  if (row.caseStatus === "CLOSED") return { ...base, state: "ended", cause: "case-closed", endedAt: iso(row.decidedAt), endedBy: row.decidedBy, decision: row.caseDecision };
  if (row.expiresAt.getTime() <= now.getTime()) return { ...base, state: "ended", cause: "expired", endedAt: row.expiresAt.toISOString() };
  return { grantId: row.id, caseId: row.caseId, state: "live", expiresAt: row.expiresAt.toISOString() };
}
