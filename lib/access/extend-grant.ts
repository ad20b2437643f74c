import "server-only";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { loadCaseFacts } from "@/lib/cases/case-facts";
import { toGrantSummary } from "@/lib/cases/grant-summary";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decideGrantExtension } from "@/lib/policy/grant-extension";

// "Extend": the holder's live grant gets up to 30 more minutes, never past 4 hours from its
// start (ADR 030). The grant row is locked for the transaction, so concurrent extensions queue
// behind each other and each sees the expiry the previous one wrote (the cap cannot be beaten
// by racing), and a revocation or decision committing meanwhile is seen before the extension.
// Allowed or refused, the attempt is a GRANT_EXTENDED event in the same transaction.

export async function extendGrant(staff: StaffContext, input: { grantId: string; justification: string }, meta: RequestMeta, now = new Date()): Promise<GrantSummary> {
  const actor = toActor(staff);
  const outcome = await getDb().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM access_grant WHERE id = ${input.grantId}::uuid AND staff_id = ${staff.id}::uuid FOR UPDATE`;
    const g = await tx.accessGrant.findUnique({
      where: { id: input.grantId },
      select: { id: true, staffId: true, caseId: true, conversationId: true, purpose: true, status: true, createdAt: true, approvedAt: true, expiresAt: true, scopeFrom: true, scopeTo: true },
    });
    // Someone else's grant id is treated like a missing one: it reveals nothing about it.
    if (!g || g.staffId !== staff.id) return { kind: "missing" as const };
    const kase = await loadCaseFacts(tx, g.caseId);
    if (!kase) return { kind: "missing" as const };
    const startedAt = g.approvedAt ?? g.createdAt;
    const decision = decideGrantExtension({ staff: toStaffFacts(staff), kase, grant: { ...g, startedAt }, justification: input.justification, stepUpAt: staff.stepUpAt, now });
    const logged = { actor, caseId: g.caseId, conversationId: g.conversationId, grantId: g.id, purpose: g.purpose, justification: input.justification.trim(), meta };
    const before = g.expiresAt.toISOString();
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, action: "GRANT_EXTENDED", outcome: "DENIED", denialReason: decision.reason, details: { before, startedAt: startedAt.toISOString() } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    const grant = await tx.accessGrant.update({ where: { id: g.id }, data: { expiresAt: decision.expiresAt } });
    await recordEvent(tx, {
      ...logged,
      action: "GRANT_EXTENDED",
      outcome: "ALLOWED",
      details: { before, after: decision.expiresAt.toISOString(), startedAt: startedAt.toISOString(), addedMinutes: decision.addedMinutes },
    });
    return { kind: "extended" as const, grant };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such grant.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return toGrantSummary(outcome.grant);
}
