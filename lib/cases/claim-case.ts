import "server-only";
import { recordEvent } from "@/lib/audit/record-event";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { can } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { visibleCasesWhere } from "./visible-cases";

/** Claims an open case (leads may also claim escalated ones). Race-safe: one claimant wins. */
export async function claimCase(staff: StaffContext, caseId: string, meta: RequestMeta) {
  if (!can(staff.roles, "case:claim")) throw new ForbiddenError("ROLE", DENIAL_REASONS.ROLE);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const kase = await tx.case.findFirst({ where: { id: caseId, ...visibleCasesWhere(staff) }, select: { id: true, status: true, assigneeId: true, conversationId: true } });
    if (!kase) throw new NotFoundError("No such case.");
    if (kase.assigneeId === staff.id && kase.status === "IN_REVIEW") return { id: kase.id, status: kase.status, assigneeId: staff.id };
    const claimable = kase.status === "OPEN" || (kase.status === "ESCALATED" && staff.roles.includes("LEAD"));
    const now = new Date();
    const won = claimable
      ? await tx.case.updateMany({
          where: { id: kase.id, status: kase.status, assigneeId: null },
          data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: now },
        })
      : { count: 0 };
    if (won.count !== 1) {
      if (kase.status === "CLOSED") throw new ConflictError("CASE_CLOSED", "This case is already closed.");
      throw new ConflictError("ALREADY_CLAIMED", DENIAL_REASONS.ALREADY_CLAIMED);
    }
    await recordEvent(tx, {
      actor: { id: staff.id, email: staff.email, roles: staff.roles },
      action: "CASE_CLAIMED",
      outcome: "ALLOWED",
      caseId: kase.id,
      conversationId: kase.conversationId,
      meta,
    });
    return { id: kase.id, status: "IN_REVIEW" as const, assigneeId: staff.id };
  });
}
