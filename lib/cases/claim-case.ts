import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { decideClaim } from "@/lib/policy/case-work";
import { loadCaseFacts } from "./case-facts";

/** Claims a case if the policy allows (lib/policy/case-work.ts). Race-safe: one claimant wins. */
export async function claimCase(staff: StaffContext, caseId: string, meta: RequestMeta) {
  const db = getDb();
  const actor = toActor(staff);
  const outcome = await db.$transaction(async (tx) => {
    const kase = await loadCaseFacts(tx, caseId);
    if (!kase) return { kind: "missing" as const };
    const logged = { actor, action: "CASE_CLAIMED" as const, caseId: kase.id, conversationId: kase.conversationId, meta };
    const decision = decideClaim(toStaffFacts(staff), kase);
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, outcome: "DENIED", denialReason: decision.reason });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    if (kase.assigneeId === staff.id) return { kind: "done" as const, status: kase.status };
    const won = await tx.case.updateMany({
      where: { id: kase.id, status: kase.status, assigneeId: null },
      data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() },
    });
    if (won.count !== 1) return { kind: "lost" as const };
    await recordEvent(tx, { ...logged, outcome: "ALLOWED" });
    return { kind: "done" as const, status: "IN_REVIEW" as const };
  });
  switch (outcome.kind) {
    case "missing":
      throw new NotFoundError("No such case.");
    case "lost":
      throw new ConflictError("ALREADY_CLAIMED", "Someone else has just claimed this case.");
    case "denied":
      if (outcome.reason === "ALREADY_CLAIMED" || outcome.reason === "CASE_CLOSED") throw new ConflictError(outcome.reason, outcome.message);
      throw new ForbiddenError(outcome.reason, outcome.message);
    case "done":
      return { id: caseId, status: outcome.status, assigneeId: staff.id };
  }
}
