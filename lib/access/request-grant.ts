import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { loadCaseFacts, positionsBetween } from "@/lib/cases/case-facts";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { env } from "@/lib/env";
import { CaseNotFoundError, ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { approvalDueAt } from "@/lib/policy/approval";
import { hidesHeldCase } from "@/lib/policy/case-secrecy";
import { decideGrantRequest, type RequestedScope } from "@/lib/policy/grant-request";
import { MINUTE } from "@/lib/policy/limits";
import type { Purpose } from "@/lib/policy/purposes";
import { toGrantSummary } from "@/lib/cases/grant-summary";

// A reader states a purpose and a justification; the policy (lib/policy/grant-request.ts)
// decides the scope and whether a second person must approve. The result is a live grant
// (201) or a pending request (202) that lapses in 24 h. The request and its outcome are
// logged in the same transaction as the grant itself.

export type GrantRequestInput = {
  caseId: string;
  purpose: Purpose;
  justification: string;
  scope?: { from: number; to: number } | { sentFrom: Date; sentTo: Date };
};

export async function requestGrant(staff: StaffContext, input: GrantRequestInput, meta: RequestMeta): Promise<{ status: 201 | 202; grant: GrantSummary }> {
  const db = getDb();
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const kase = await loadCaseFacts(tx, input.caseId);
    if (!kase) return { kind: "missing" as const };
    let requested: RequestedScope | undefined;
    if (input.scope && "sentFrom" in input.scope) {
      const { sentFrom, sentTo } = input.scope;
      requested = { kind: "window", sentFrom, sentTo, positions: await positionsBetween(tx, kase.conversationId, sentFrom, sentTo) };
    } else if (input.scope) {
      requested = { kind: "positions", ...input.scope };
    }
    const decision = decideGrantRequest({ staff: toStaffFacts(staff), kase, purpose: input.purpose, justification: input.justification, requested });
    const logged = {
      actor: toActor(staff),
      caseId: kase.id,
      conversationId: kase.conversationId,
      purpose: input.purpose,
      justification: input.justification,
      meta,
    };
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, action: "GRANT_REQUESTED", outcome: "DENIED", denialReason: decision.reason });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message, hidden: hidesHeldCase(staff, kase) };
    }
    const pending = decision.approvalTriggers.length > 0;
    // A new request supersedes this reader's earlier live grant or pending request on the case.
    await tx.accessGrant.updateMany({
      where: { caseId: kase.id, staffId: staff.id, status: { in: ["ACTIVE", "PENDING"] } },
      data: { status: "ENDED", endedAt: now, endedReason: "superseded" },
    });
    const due = approvalDueAt(now);
    const grant = await tx.accessGrant.create({
      data: {
        staffId: staff.id,
        caseId: kase.id,
        conversationId: kase.conversationId,
        purpose: input.purpose,
        justification: input.justification.trim(),
        scopeFrom: decision.scope.from,
        scopeTo: decision.scope.to,
        status: pending ? "PENDING" : "ACTIVE",
        // While pending, the grant opens nothing; its expiry is the approval deadline.
        expiresAt: pending ? due : new Date(now.getTime() + env().CUSTODY_GRANT_MINUTES * MINUTE),
        approvalReasons: decision.approvalTriggers,
        approvalDueAt: pending ? due : null,
      },
    });
    await recordEvent(tx, {
      ...logged,
      action: "GRANT_REQUESTED",
      outcome: "ALLOWED",
      grantId: grant.id,
      details: {
        scopeFrom: grant.scopeFrom,
        scopeTo: grant.scopeTo,
        status: pending ? "PENDING" : "ACTIVE",
        ...(pending ? { approvalRequired: decision.approvalTriggers, approvalDueAt: due.toISOString() } : { expiresAt: grant.expiresAt.toISOString() }),
        ...(requested?.kind === "window" ? { window: { from: requested.sentFrom.toISOString(), to: requested.sentTo.toISOString() } } : {}),
      },
    });
    return { kind: "granted" as const, grant, pending };
  });
  // Someone else's case answers as a missing one (lib/policy/case-secrecy.ts); the event above keeps the reason.
  if (outcome.kind === "missing" || (outcome.kind === "denied" && outcome.hidden)) throw new CaseNotFoundError();
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return { status: outcome.pending ? 202 : 201, grant: toGrantSummary(outcome.grant) };
}
