import "server-only";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { LEGAL_BASIS } from "@/lib/policy/legal-basis";
import { decideVerification } from "@/lib/policy/legal-verification";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import type { VerificationBody } from "./request-body";
import { loadRedFlags } from "./request-red-flags";

// The second LEGAL colleague's check of a request: the method, the outcome and a note, with
// the red flags the page showed. A pass opens one case per conversation of a named account
// that has messages in the date range (LEGAL_REQUEST; EMERGENCY for an EDR), through which
// grants are then requested and approved as for any case. A failure rejects the request for
// good. The same person who took the request in is refused (403), and that is logged too.

/** At most this many conversations are opened as cases by one verification. */
export const MAX_CASES_PER_REQUEST = 50;

export async function verifyLegalRequest(staff: StaffContext, requestId: string, body: VerificationBody, meta: RequestMeta): Promise<{ status: "VERIFIED" | "REJECTED"; caseIds: string[] }> {
  const db = getDb();
  const outcome = await db.$transaction(async (tx) => {
    // Row lock: two colleagues verifying at once are serialised; the second sees the new status.
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM legal_request WHERE id = ${requestId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { kind: "missing" as const };
    const r = await tx.legalRequest.findUniqueOrThrow({
      where: { id: requestId },
      select: { id: true, status: true, receivedById: true, authority: true, officerEmail: true, instrument: true, jurisdiction: true, emergencyJustification: true, createdAt: true, namedAccountIds: true, dateFrom: true, dateTo: true, category: true, document: { select: { id: true } } },
    });
    const decision = decideVerification({ staff: toStaffFacts(staff), request: r });
    if (!decision.allow) {
      await recordEvent(tx, { actor: toActor(staff), action: "LEGAL_REQUEST_VERIFIED", outcome: "DENIED", denialReason: decision.reason, accountIds: r.namedAccountIds, meta, details: { requestId } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    const flags = await loadRedFlags(tx, { ...r, hasDocument: r.document !== null });
    const now = new Date();
    let caseIds: string[] = [];
    if (body.passed) {
      const cell = LEGAL_BASIS[r.instrument][r.jurisdiction];
      if (cell.purpose !== null) {
        const conversations = await tx.conversation.findMany({
          where: { shreddedAt: null, participants: { some: { accountId: { in: r.namedAccountIds } } }, messages: { some: { sentAt: { gte: r.dateFrom, lte: r.dateTo } } } },
          select: { id: true },
          orderBy: { createdAt: "asc" },
          take: MAX_CASES_PER_REQUEST,
        });
        const emergency = cell.purpose === "EMERGENCY";
        caseIds = await Promise.all(
          conversations.map(async (c) => {
            const k = await tx.case.create({
              data: { basis: emergency ? "EMERGENCY" : "LEGAL_REQUEST", category: r.category, priority: emergency ? 1 : 3, conversationId: c.id, legalRequestId: r.id },
              select: { id: true },
            });
            return k.id;
          }),
        );
      }
    }
    await tx.legalRequest.update({
      where: { id: r.id },
      data: { status: body.passed ? "VERIFIED" : "REJECTED", verifiedById: staff.id, verifiedAt: now, verificationMethod: body.method, verificationPassed: body.passed, verificationNote: body.note },
    });
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "LEGAL_REQUEST_VERIFIED",
      outcome: "ALLOWED",
      accountIds: r.namedAccountIds,
      justification: body.note,
      meta,
      details: { requestId, method: body.method, passed: body.passed, note: body.note, redFlags: flags, casesOpened: caseIds },
    });
    return { kind: "done" as const, status: body.passed ? ("VERIFIED" as const) : ("REJECTED" as const), caseIds };
  });
  if (outcome.kind === "missing") throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return { status: outcome.status, caseIds: outcome.caseIds };
}
