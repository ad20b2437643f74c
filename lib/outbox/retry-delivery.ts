import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decidePermission } from "@/lib/policy/permissions";
import { enqueueDelivery } from "./enqueue-delivery";

// An admin's "retry now": the decision's job is moved to now (or added again, if a given-up
// delivery has none), a given-up delivery gets a new retry window, and the step is logged as
// DELIVERY_RETRIED in the same transaction. A delivered decision is not sent again by hand.

export async function retryDelivery(staff: StaffContext, decisionId: string, meta: RequestMeta) {
  const allowed = decidePermission(staff.roles, "delivery:manage");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  return getDb().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: "QUEUED" | "DELIVERED" | "FAILING" | "GIVEN_UP"; attempts: number; last_error: string | null; case_id: string; conversation_id: string }[]>`
      select d.status, d.attempts, d.last_error, x.case_id, c.conversation_id
        from outbound_delivery d join decision x on x.id = d.decision_id join "case" c on c.id = x.case_id
       where d.decision_id = ${decisionId}::uuid
         for update of d`;
    const row = rows[0];
    if (!row) throw new NotFoundError("No such decision.");
    if (row.status === "DELIVERED") throw new ConflictError("ALREADY_DELIVERED", "This decision has already been delivered to the platform.");
    const now = new Date();
    await tx.outboundDelivery.update({
      where: { decisionId },
      data: {
        nextAttemptAt: now,
        ...(row.status === "GIVEN_UP" ? { status: "FAILING" as const, givenUpAt: null, windowStartedAt: now } : {}),
      },
    });
    await enqueueDelivery(tx, decisionId, now);
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "DELIVERY_RETRIED",
      outcome: "ALLOWED",
      caseId: row.case_id,
      conversationId: row.conversation_id,
      details: { decisionId, previousStatus: row.status, attempts: row.attempts, lastError: row.last_error },
      meta,
    });
    return { decisionId, status: row.status === "GIVEN_UP" ? ("FAILING" as const) : row.status, nextAttemptAt: now.toISOString() };
  });
}
