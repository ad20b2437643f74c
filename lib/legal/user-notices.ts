import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decidePermission } from "@/lib/policy/permissions";
import { DENIAL_REASONS, deny } from "@/lib/policy/reasons";

// "User notice due" tasks, raised by the user-notice-due job once a non-disclosure order ends
// (lib/jobs/user-notice-due.ts). LEGAL sees the open ones on the legal page and records the
// notice as given, once: the task and its LEGAL_USER_NOTICE_GIVEN event commit together, and a
// second attempt is refused (409, logged) because the row is locked and already done.

export type UserNoticeTask = { id: string; requestId: string; requestNumber: number; reference: string; authority: string; dueAt: Date; raisedAt: Date };

export async function listOpenUserNotices(staff: StaffContext): Promise<UserNoticeTask[]> {
  const allowed = decidePermission(staff.roles, "legal:read");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const rows = await getDb().legalUserNotice.findMany({
    where: { givenAt: null },
    select: { id: true, requestId: true, dueAt: true, raisedAt: true, request: { select: { number: true, reference: true, authority: true } } },
    orderBy: { dueAt: "asc" },
    take: 100,
  });
  return rows.map(({ request, ...t }) => ({ ...t, requestNumber: request.number, reference: request.reference, authority: request.authority }));
}

export async function giveUserNotice(staff: StaffContext, noticeId: string, note: string, meta: RequestMeta, now = new Date()): Promise<{ givenAt: Date }> {
  const db = getDb();
  const outcome = await db.$transaction(async (tx) => {
    const allowed = decidePermission(staff.roles, "legal:track");
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM legal_user_notice WHERE id = ${noticeId}::uuid FOR UPDATE`;
    if (locked.length === 0) return { kind: "missing" as const };
    const n = await tx.legalUserNotice.findUniqueOrThrow({ where: { id: noticeId }, select: { requestId: true, dueAt: true, givenAt: true, request: { select: { namedAccountIds: true } } } });
    const logged = { actor: toActor(staff), action: "LEGAL_USER_NOTICE_GIVEN" as const, accountIds: n.request.namedAccountIds, meta };
    const refusal = !allowed.allow ? allowed : n.givenAt ? deny("NOTICE_ALREADY_GIVEN", `It was recorded at ${n.givenAt.toISOString()}.`) : null;
    if (refusal) {
      await recordEvent(tx, { ...logged, outcome: "DENIED", denialReason: refusal.reason, details: { noticeId } });
      return { kind: "denied" as const, refusal };
    }
    await tx.legalUserNotice.update({ where: { id: noticeId }, data: { givenAt: now, givenById: staff.id, note } });
    await recordEvent(tx, { ...logged, outcome: "ALLOWED", justification: note, details: { noticeId, requestId: n.requestId, dueAt: n.dueAt.toISOString(), note } });
    return { kind: "done" as const };
  });
  if (outcome.kind === "missing") throw new NotFoundError(DENIAL_REASONS.NOTICE_NOT_FOUND);
  if (outcome.kind === "denied") {
    if (outcome.refusal.reason === "NOTICE_ALREADY_GIVEN") throw new ConflictError(outcome.refusal.reason, outcome.refusal.message);
    throw new ForbiddenError(outcome.refusal.reason, outcome.refusal.message);
  }
  return { givenAt: now };
}
