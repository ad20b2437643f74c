import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { Decision } from "@/lib/dto";
import { CaseNotFoundError, ConflictError, ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordFinalDecision } from "@/lib/outbox/record-decision";
import { decideCaseDecision } from "@/lib/policy/case-work";
import { decidePermission } from "@/lib/policy/permissions";

// Recording a decision closes the case (or hands it to the leads when escalated) and ends
// every grant on it in the same transaction, so no reader keeps access past the decision. A
// final decision is also written to the outbox in that transaction (lib/outbox): the platform
// is told it exactly when it is made, and never when it is not.
export async function decideCase(staff: StaffContext, input: { caseId: string; decision: Decision; note: string; targetAccountId?: string }, meta: RequestMeta) {
  const allowed = decidePermission(staff.roles, "case:decide");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const now = new Date();
  return db.$transaction(async (tx) => {
    // Taking the row lock first makes two concurrent decisions on one case queue: the second
    // then sees CLOSED, and the case never gets a second decision or delivery.
    await tx.$executeRaw`select 1 from "case" where id = ${input.caseId}::uuid for update`;
    const kase = await tx.case.findUnique({
      where: { id: input.caseId },
      select: { id: true, status: true, assigneeId: true, conversationId: true },
    });
    if (!kase) throw new CaseNotFoundError();
    const decision = decideCaseDecision(toStaffFacts(staff), kase);
    if (!decision.allow) {
      if (decision.reason === "CASE_CLOSED") throw new ConflictError("CASE_CLOSED", "This case is already closed.");
      throw new ForbiddenError(decision.reason, decision.message);
    }
    const escalate = input.decision === "ESCALATE";
    await tx.case.update({
      where: { id: kase.id },
      data: escalate
        ? { status: "ESCALATED", assigneeId: null, claimedAt: null, decision: input.decision, decisionNote: input.note, decidedById: staff.id, decidedAt: now }
        : { status: "CLOSED", closedAt: now, decision: input.decision, decisionNote: input.note, decidedById: staff.id, decidedAt: now },
    });
    const live = await tx.accessGrant.findMany({ where: { caseId: kase.id, status: { in: ["ACTIVE", "PENDING"] } }, select: { id: true } });
    await tx.accessGrant.updateMany({
      where: { id: { in: live.map((g) => g.id) } },
      data: { status: "ENDED", endedAt: now, endedReason: escalate ? "case escalated" : "case closed" },
    });
    const final =
      input.decision === "ESCALATE"
        ? null
        : await recordFinalDecision(tx, { caseId: kase.id, action: input.decision, note: input.note, targetAccountId: input.targetAccountId, decidedById: staff.id, decidedAt: now });
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "CASE_DECIDED",
      outcome: "ALLOWED",
      caseId: kase.id,
      conversationId: kase.conversationId,
      accountIds: final ? [final.targetAccountId] : undefined,
      details: { decision: input.decision, note: input.note, endedGrantIds: live.map((g) => g.id), ...(final ? { decisionId: final.decisionId, targetAccountId: final.targetAccountId } : {}) },
      meta,
    });
    return { id: kase.id, status: escalate ? ("ESCALATED" as const) : ("CLOSED" as const), decision: input.decision, decisionId: final?.decisionId ?? null };
  });
}
