import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { CaseNotFoundError, ConflictError, ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { hidesClaimableCase } from "@/lib/policy/case-secrecy";
import { decideClaim } from "@/lib/policy/case-work";
import { loadCaseFacts } from "./case-facts";

/**
 * Claims a case if the policy allows (lib/policy/case-work.ts). Race-safe: one claimant wins.
 * A case someone else holds, or one the caller may not see, answers as a missing one
 * (lib/policy/case-secrecy.ts); the DENIED event records the true reason.
 */
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
      if (hidesClaimableCase(toStaffFacts(staff), kase)) return { kind: "missing" as const };
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    if (kase.assigneeId === staff.id) return { kind: "done" as const, status: kase.status };
    const won = await tx.case.updateMany({
      where: { id: kase.id, status: kase.status, assigneeId: null },
      data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() },
    });
    if (won.count !== 1) {
      // Someone else claimed it between the read and the write: now theirs, so hidden alike.
      await recordEvent(tx, { ...logged, outcome: "DENIED", denialReason: "ALREADY_CLAIMED" });
      return { kind: "missing" as const };
    }
    await recordEvent(tx, { ...logged, outcome: "ALLOWED" });
    return { kind: "done" as const, status: "IN_REVIEW" as const };
  });
  switch (outcome.kind) {
    case "missing":
      throw new CaseNotFoundError();
    case "denied":
      if (outcome.reason === "CASE_CLOSED") throw new ConflictError(outcome.reason, outcome.message);
      throw new ForbiddenError(outcome.reason, outcome.message);
    case "done":
      return { id: caseId, status: outcome.status, assigneeId: staff.id };
  }
}
