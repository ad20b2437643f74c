import "server-only";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb, type Tx } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decideStatusChange, type LegalStatus, type TransitionKind } from "@/lib/policy/legal-status";
import { DENIAL_REASONS, type Denial } from "@/lib/policy/reasons";

// Moves a legal request along the status table (lib/policy/legal-status.ts). The row is locked
// first, so two colleagues acting at once are serialised and the second is judged against the
// status the first left. The change and its LEGAL_REQUEST_STATUS_CHANGED event commit together;
// a refusal is logged too. Verification keeps its own event (verify-request.ts).

export type StatusChangeInput = { to: LegalStatus; note?: string };

type Outcome = { kind: "missing" } | { kind: "denied"; denial: Denial } | { kind: "done"; from: LegalStatus; to: LegalStatus };

/**
 * One step inside the caller's transaction: `kind` says how it is taken ("manual" here;
 * "package" for the disclosure package's APPROVED → DISCLOSED). Refusals are logged in `tx`
 * and returned, so the caller decides whether to commit them (it must, for the log to keep them).
 */
export async function moveLegalRequest(tx: Tx, staff: StaffContext, requestId: string, input: StatusChangeInput & { kind: TransitionKind }, meta: RequestMeta): Promise<Outcome> {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM legal_request WHERE id = ${requestId}::uuid FOR UPDATE`;
  if (locked.length === 0) return { kind: "missing" };
  const r = await tx.legalRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, receivedById: true, verifiedById: true, namedAccountIds: true } });
  const from = r.status as LegalStatus;
  const decision = decideStatusChange({ staff: toStaffFacts(staff), request: { ...r, status: from }, to: input.to, kind: input.kind });
  const logged = { actor: toActor(staff), action: "LEGAL_REQUEST_STATUS_CHANGED" as const, accountIds: r.namedAccountIds, meta };
  const details = { requestId, from, to: input.to, ...(input.note ? { note: input.note } : {}) };
  if (!decision.allow) {
    await recordEvent(tx, { ...logged, outcome: "DENIED", denialReason: decision.reason, details });
    return { kind: "denied", denial: decision };
  }
  await tx.legalRequest.update({ where: { id: requestId }, data: { status: input.to } });
  await recordEvent(tx, { ...logged, outcome: "ALLOWED", justification: input.note, details });
  return { kind: "done", from, to: input.to };
}

/** A step taken by hand on the request page: 404 for an unknown id, 403 (logged) for a step the table or four-eyes refuses. */
export async function changeLegalRequestStatus(staff: StaffContext, requestId: string, input: StatusChangeInput, meta: RequestMeta): Promise<{ from: LegalStatus; status: LegalStatus }> {
  const outcome = await getDb().$transaction((tx) => moveLegalRequest(tx, staff, requestId, { ...input, kind: "manual" }, meta));
  if (outcome.kind === "missing") throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.denial.reason, outcome.denial.message);
  return { from: outcome.from, status: outcome.to };
}
