import "server-only";
import { type StaffContext, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { ApprovalsPage } from "@/lib/dto";
import { approvablePurposes, decideApproval } from "@/lib/policy/approval";
import { can } from "@/lib/policy/permissions";
import { expireLapsedRequests } from "./expire-lapsed";
import { emergencyReviewQueue } from "./review-emergency";

// The approvals inbox: pending requests whose purpose the approver's role may approve (their
// own included, marked as blocked so they can see it is waiting for someone else), and for
// leads the live grants they may revoke, and approved emergency access awaiting its
// after-the-fact review (review-emergency.ts). Lapsed requests are expired (and logged) first.

const STAFF_REF = { select: { id: true, name: true, email: true } } as const;

export async function listApprovals(staff: StaffContext, now = new Date()): Promise<ApprovalsPage> {
  await expireLapsedRequests(now);
  const db = getDb();
  const purposes = approvablePurposes(staff);
  const pending = await db.accessGrant.findMany({
    where: { status: "PENDING", purpose: { in: purposes } },
    orderBy: { createdAt: "asc" },
    take: 200,
    select: {
      id: true, caseId: true, staffId: true, purpose: true, justification: true, scopeFrom: true, scopeTo: true, status: true,
      approvalReasons: true, approvalDueAt: true, createdAt: true, replacesGrantId: true,
      staff: STAFF_REF,
      case: { select: { number: true, status: true, conversation: { select: { messageCount: true, participants: { select: { account: { select: { id: true, dataRegion: true } } } } } } } },
    },
  });
  const live = can(staff.roles, "grant:revoke")
    ? await db.accessGrant.findMany({
        where: { status: "ACTIVE", expiresAt: { gt: now } },
        orderBy: { expiresAt: "asc" },
        take: 200,
        select: { id: true, caseId: true, purpose: true, scopeFrom: true, scopeTo: true, createdAt: true, expiresAt: true, staff: STAFF_REF, approvedBy: { select: { name: true } }, case: { select: { number: true } } },
      })
    : null;
  const emergencyReviews = await emergencyReviewQueue(staff, now, db);
  const me = toStaffFacts(staff);
  return {
    emergencyReviews,
    pending: pending.map((g) => {
      const decision = decideApproval({
        approver: me,
        request: g,
        kase: { status: g.case.status, participants: g.case.conversation.participants.map((p) => ({ accountId: p.account.id, dataRegion: p.account.dataRegion })) },
        now,
      });
      return {
        grantId: g.id,
        caseId: g.caseId,
        caseNumber: g.case.number,
        purpose: g.purpose,
        justification: g.justification,
        requester: g.staff,
        scopeFrom: g.scopeFrom,
        scopeTo: g.scopeTo,
        messageCount: g.case.conversation.messageCount,
        approvalReasons: g.approvalReasons,
        requestedAt: g.createdAt.toISOString(),
        approvalDueAt: (g.approvalDueAt ?? g.createdAt).toISOString(),
        blocked: decision.allow ? null : { reason: decision.reason, message: decision.message },
        isExpansion: g.replacesGrantId !== null,
      };
    }),
    live:
      live?.map((g) => ({
        grantId: g.id,
        caseId: g.caseId,
        caseNumber: g.case.number,
        holder: g.staff,
        purpose: g.purpose,
        scopeFrom: g.scopeFrom,
        scopeTo: g.scopeTo,
        createdAt: g.createdAt.toISOString(),
        expiresAt: g.expiresAt.toISOString(),
        approvedBy: g.approvedBy?.name ?? null,
      })) ?? null,
  };
}
