import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { toGrantSummary } from "@/lib/cases/grant-summary";
import { getDb } from "@/lib/db";
import type { GrantSummary } from "@/lib/dto";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { decideApproval } from "@/lib/policy/approval";
import { MINUTE } from "@/lib/policy/limits";
import type { DenialReason } from "@/lib/policy/reasons";
import { expireOne } from "./expire-lapsed";

// An approver approves or rejects someone else's pending request. The decision and its event
// commit together; refusals (self-approval, lapsed, wrong role, residency, conflict) are
// logged too. An approved grant's clock starts at approval, not at the request.

export type RequestVerdict = "approve" | "reject";

export async function decideOnRequest(approver: StaffContext, input: { grantId: string; verdict: RequestVerdict; note?: string }, meta: RequestMeta): Promise<GrantSummary> {
  const db = getDb();
  const now = new Date();
  const action = input.verdict === "approve" ? "GRANT_APPROVED" : "GRANT_REJECTED";
  const actor = toActor(approver);
  const outcome = await db.$transaction(async (tx) => {
    const g = await tx.accessGrant.findUnique({
      where: { id: input.grantId },
      select: {
        id: true, staffId: true, caseId: true, conversationId: true, purpose: true, justification: true, status: true, approvalDueAt: true,
        approvalReasons: true, replacesGrantId: true, scopeFrom: true, scopeTo: true,
        staff: { select: { email: true } },
        case: { select: { status: true, conversation: { select: { participants: { select: { account: { select: { id: true, dataRegion: true } } } } } } } },
      },
    });
    if (!g) return { kind: "missing" as const };
    const decision = decideApproval({
      approver: toStaffFacts(approver),
      request: g,
      kase: { status: g.case.status, participants: g.case.conversation.participants.map((p) => ({ accountId: p.account.id, dataRegion: p.account.dataRegion })) },
      now,
    });
    const logged = { actor, caseId: g.caseId, conversationId: g.conversationId, grantId: g.id, purpose: g.purpose, justification: g.justification, meta };
    if (!decision.allow) {
      if (decision.reason === "APPROVAL_EXPIRED") await expireOne(tx, g, now);
      await recordEvent(tx, { ...logged, action, outcome: "DENIED", denialReason: decision.reason, details: { requesterId: g.staffId } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    const note = input.note?.trim() || null;
    const updated =
      input.verdict === "approve"
        ? await tx.accessGrant.update({
            where: { id: g.id },
            data: { status: "ACTIVE", approvedById: approver.id, approvedAt: now, reviewNote: note, expiresAt: new Date(now.getTime() + env().CUSTODY_GRANT_MINUTES * MINUTE) },
          })
        : await tx.accessGrant.update({ where: { id: g.id }, data: { status: "REJECTED", rejectedById: approver.id, rejectedAt: now, reviewNote: note } });
    // An approved scope expansion replaces the grant it widens.
    if (input.verdict === "approve" && g.replacesGrantId) {
      await tx.accessGrant.updateMany({ where: { id: g.replacesGrantId, status: "ACTIVE" }, data: { status: "ENDED", endedAt: now, endedReason: "superseded by approved expansion" } });
    }
    await recordEvent(tx, {
      ...logged,
      action,
      outcome: "ALLOWED",
      details: {
        requesterId: g.staffId,
        requesterEmail: g.staff.email,
        approvalReasons: g.approvalReasons,
        scopeFrom: g.scopeFrom,
        scopeTo: g.scopeTo,
        note,
        ...(g.replacesGrantId ? { replacesGrantId: g.replacesGrantId } : {}),
        ...(input.verdict === "approve" && g.purpose === "EMERGENCY" ? { postHocReview: "required" } : {}),
        ...(input.verdict === "approve" ? { expiresAt: updated.expiresAt.toISOString() } : {}),
      },
    });
    return { kind: "done" as const, grant: updated };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such request.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason satisfies DenialReason, outcome.message);
  return toGrantSummary(outcome.grant);
}

