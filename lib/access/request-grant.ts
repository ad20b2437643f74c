import "server-only";
import { recordEvent } from "@/lib/audit/record-event";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { decideGrantRequest } from "@/lib/policy/grant-request";
import type { Purpose } from "@/lib/policy/purposes";
import { env } from "@/lib/env";
import { toGrantSummary } from "./grant-summary";

// A reviewer states a purpose and a justification; the result is a grant scoped to the
// reported messages ± the purpose's radius and time-boxed. The request and its outcome are
// logged in the same transaction as the grant itself.

export async function requestGrant(
  staff: StaffContext,
  input: { caseId: string; purpose: Purpose; justification: string },
  meta: RequestMeta,
): Promise<{ status: 201 | 202; grant: GrantSummary }> {
  const db = getDb();
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const kase = await tx.case.findUnique({
      where: { id: input.caseId },
      select: {
        id: true,
        basis: true,
        status: true,
        assigneeId: true,
        conversationId: true,
        conversation: { select: { messageCount: true, participants: { select: { account: { select: { id: true, dataRegion: true } } } } } },
        reports: { select: { messages: { select: { message: { select: { position: true } } } } } },
      },
    });
    if (!kase) return { kind: "missing" as const };
    const decision = decideGrantRequest({
      staff: { ...staff, disabled: false },
      kase: { ...kase, participants: kase.conversation.participants.map((p) => ({ accountId: p.account.id, dataRegion: p.account.dataRegion })) },
      purpose: input.purpose,
      justification: input.justification,
      reportedPositions: kase.reports.flatMap((r) => r.messages.map((m) => m.message.position)),
      messageCount: kase.conversation.messageCount,
    });
    const logged = {
      actor: { id: staff.id, email: staff.email, roles: staff.roles },
      caseId: kase.id,
      conversationId: kase.conversationId,
      purpose: input.purpose,
      justification: input.justification,
      meta,
    };
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, action: "GRANT_REQUESTED", outcome: "DENIED", denialReason: decision.reason });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    // A new grant supersedes this reviewer's earlier live grant on the case.
    await tx.accessGrant.updateMany({
      where: { caseId: kase.id, staffId: staff.id, status: { in: ["ACTIVE", "PENDING"] } },
      data: { status: "ENDED", endedAt: now, endedReason: "superseded" },
    });
    const grant = await tx.accessGrant.create({
      data: {
        staffId: staff.id,
        caseId: kase.id,
        conversationId: kase.conversationId,
        purpose: input.purpose,
        justification: input.justification.trim(),
        scopeFrom: decision.scope.from,
        scopeTo: decision.scope.to,
        status: "ACTIVE",
        expiresAt: new Date(now.getTime() + env().CUSTODY_GRANT_MINUTES * 60_000),
      },
    });
    await recordEvent(tx, {
      ...logged,
      action: "GRANT_REQUESTED",
      outcome: "ALLOWED",
      grantId: grant.id,
      details: { scopeFrom: grant.scopeFrom, scopeTo: grant.scopeTo, expiresAt: grant.expiresAt.toISOString(), approval: "not required" },
    });
    return { kind: "granted" as const, grant };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such case.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return { status: 201, grant: toGrantSummary(outcome.grant) };
}
