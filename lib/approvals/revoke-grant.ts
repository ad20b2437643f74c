import "server-only";
import { toGrantSummary } from "@/lib/cases/grant-summary";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { decideRevocation } from "@/lib/policy/revocation";

/** A lead ends someone's live grant early, with a reason; the holder's next read is refused. */
export async function revokeGrant(lead: StaffContext, input: { grantId: string; reason: string }, meta: RequestMeta): Promise<GrantSummary> {
  const db = getDb();
  const now = new Date();
  const actor = toActor(lead);
  const outcome = await db.$transaction(async (tx) => {
    const g = await tx.accessGrant.findUnique({ where: { id: input.grantId }, select: { id: true, staffId: true, caseId: true, conversationId: true, purpose: true, status: true, expiresAt: true } });
    if (!g) return { kind: "missing" as const };
    const logged = { actor, caseId: g.caseId, conversationId: g.conversationId, grantId: g.id, purpose: g.purpose, justification: input.reason, meta };
    const decision = decideRevocation({ staff: toStaffFacts(lead), grant: g, now });
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, action: "GRANT_REVOKED", outcome: "DENIED", denialReason: decision.reason, details: { holderId: g.staffId } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    const grant = await tx.accessGrant.update({
      where: { id: g.id },
      data: { status: "ENDED", endedAt: now, endedReason: "revoked", revokedById: lead.id, reviewNote: input.reason },
    });
    await recordEvent(tx, { ...logged, action: "GRANT_REVOKED", outcome: "ALLOWED", details: { holderId: g.staffId, reason: input.reason } });
    return { kind: "done" as const, grant };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such grant.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return toGrantSummary(outcome.grant);
}
