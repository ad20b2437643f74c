import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { loadCaseFacts } from "@/lib/cases/case-facts";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { approvalDueAt } from "@/lib/policy/approval";
import { decideScopeExpansion, type ExpansionDirection } from "@/lib/policy/scope-expansion";
import { toGrantSummary } from "@/lib/cases/grant-summary";

// "Show 10 earlier / later messages": a new, justified, logged step. Within the policy's
// limits the reader's own grant widens at once (SCOPE_EXPANDED, 200). When the wider scope
// needs a second person (more than 50 messages, a protected account) the live grant stays as
// it is and a pending request for the wider scope is created instead (202), which replaces
// the live grant once approved. Widening never extends the grant's expiry.

export async function expandScope(
  staff: StaffContext,
  input: { grantId: string; direction: ExpansionDirection; justification: string },
  meta: RequestMeta,
): Promise<{ status: 200 | 202; grant: GrantSummary }> {
  const db = getDb();
  const now = new Date();
  const actor = toActor(staff);
  const outcome = await db.$transaction(async (tx) => {
    const g = await tx.accessGrant.findUnique({
      where: { id: input.grantId },
      select: { id: true, staffId: true, caseId: true, conversationId: true, purpose: true, status: true, expiresAt: true, scopeFrom: true, scopeTo: true },
    });
    // Someone else's grant id is treated like a missing one: it reveals nothing about it.
    if (!g || g.staffId !== staff.id) return { kind: "missing" as const };
    const kase = await loadCaseFacts(tx, g.caseId);
    if (!kase) return { kind: "missing" as const };
    const decision = decideScopeExpansion({ staff: toStaffFacts(staff), kase, grant: g, direction: input.direction, justification: input.justification, now });
    const logged = { actor, caseId: g.caseId, conversationId: g.conversationId, grantId: g.id, purpose: g.purpose, justification: input.justification, meta };
    const before = { scopeFrom: g.scopeFrom, scopeTo: g.scopeTo };
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, action: "SCOPE_EXPANDED", outcome: "DENIED", denialReason: decision.reason, details: { direction: input.direction, ...before } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    const after = { scopeFrom: decision.scope.from, scopeTo: decision.scope.to };
    if (decision.approvalTriggers.length === 0) {
      const grant = await tx.accessGrant.update({ where: { id: g.id }, data: after });
      await recordEvent(tx, { ...logged, action: "SCOPE_EXPANDED", outcome: "ALLOWED", details: { direction: input.direction, before, after } });
      return { kind: "widened" as const, grant };
    }
    // An earlier pending widening of this grant is superseded by this one.
    await tx.accessGrant.updateMany({ where: { replacesGrantId: g.id, status: "PENDING" }, data: { status: "ENDED", endedAt: now, endedReason: "superseded" } });
    const due = approvalDueAt(now);
    const request = await tx.accessGrant.create({
      data: {
        staffId: staff.id,
        caseId: g.caseId,
        conversationId: g.conversationId,
        purpose: g.purpose,
        justification: input.justification.trim(),
        ...after,
        status: "PENDING",
        expiresAt: due,
        approvalDueAt: due,
        approvalReasons: decision.approvalTriggers,
        replacesGrantId: g.id,
      },
    });
    await recordEvent(tx, {
      ...logged,
      grantId: request.id,
      action: "GRANT_REQUESTED",
      outcome: "ALLOWED",
      details: { expansionOf: g.id, direction: input.direction, before, after, status: "PENDING", approvalRequired: decision.approvalTriggers, approvalDueAt: due.toISOString() },
    });
    return { kind: "pending" as const, grant: request };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such grant.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return { status: outcome.kind === "pending" ? 202 : 200, grant: toGrantSummary(outcome.grant) };
}
