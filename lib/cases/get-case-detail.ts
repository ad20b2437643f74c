import "server-only";
import { toGrantSummary } from "@/lib/cases/grant-summary";
import { flagsOfCase } from "@/lib/detection/case-flags";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { CaseDetail, Participant } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import type { OperationId } from "@/lib/policy/operations";
import { decideCaseDecision, decideClaim } from "@/lib/policy/case-work";
import { decideCaseView, decideConversationAccess } from "@/lib/policy/conversation-access";
import { PURPOSE_FOR_BASIS, PURPOSE_RULES, purposesFor } from "@/lib/policy/purposes";
import { DELIVERY_SELECT, toDeliveryState } from "@/lib/outbox/delivery-state";
import { defaultTargetOf } from "@/lib/outbox/record-decision";
import { loadCaseFacts } from "./case-facts";

// A case as a reader sees it before opening the thread: basis, report, participants and a
// message count — no message content. People who are neither reporter nor reported are
// masked (minimum necessary). Opening a case the policy refuses (residency, conflict of
// interest, a basis the role does not handle) says why and is logged.

const GRANT_SELECT = { id: true, purpose: true, justification: true, scopeFrom: true, scopeTo: true, createdAt: true, expiresAt: true, status: true, approvalReasons: true, replacesGrantId: true } as const;

export async function getCaseDetail(staff: StaffContext, caseId: string, operation: OperationId): Promise<CaseDetail> {
  if (!UUID_RE.test(caseId)) throw new NotFoundError("No such case.");
  const db = getDb();
  const facts = await loadCaseFacts(db, caseId);
  if (!facts) throw new NotFoundError("No such case.");
  const me = toStaffFacts(staff);
  const view = decideCaseView(me, facts);
  if (!view.allow) {
    await recordEvent(db, {
      actor: toActor(staff),
      action: "ACCESS_DENIED",
      outcome: "DENIED",
      denialReason: view.reason,
      caseId: facts.id,
      conversationId: facts.conversationId,
      details: { operation },
    });
    throw new ForbiddenError(view.reason, view.message);
  }
  const now = new Date();
  const kase = await db.case.findUniqueOrThrow({
    where: { id: caseId },
    select: {
      id: true, number: true, basis: true, category: true, status: true, priority: true, createdAt: true, claimedAt: true,
      decision: true, decisionNote: true, decidedAt: true,
      assignee: { select: { id: true, name: true } },
      decidedBy: { select: { name: true } },
      finalDecision: { select: { delivery: { select: DELIVERY_SELECT } } },
      reports: {
        orderBy: { createdAt: "asc" },
        select: { id: true, category: true, text: true, createdAt: true, reporterId: true, messages: { select: { message: { select: { position: true, senderId: true } } } } },
      },
      conversation: {
        select: {
          messageCount: true,
          participants: { select: { account: { select: { id: true, handle: true, displayName: true, dataRegion: true, isMinor: true, isProtected: true } } } },
        },
      },
      grants: { where: { staffId: staff.id, status: { in: ["ACTIVE", "PENDING"] }, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" }, select: GRANT_SELECT },
    },
  });
  const reporters = new Set(kase.reports.map((r) => r.reporterId));
  const reported = new Set(kase.reports.flatMap((r) => r.messages.map((m) => m.message.senderId)));
  let other = 0;
  const participants: Participant[] = kase.conversation.participants.map(({ account: a }) => {
    const role = reporters.has(a.id) ? "REPORTER" : reported.has(a.id) ? "REPORTED" : "OTHER";
    const masked = role === "OTHER";
    return {
      accountId: a.id,
      handle: masked ? `Participant ${++other}` : a.handle,
      displayName: masked ? null : a.displayName,
      dataRegion: a.dataRegion,
      isMinor: a.isMinor,
      isProtected: a.isProtected,
      role,
      masked,
    };
  });
  const active = kase.grants.find((g) => g.status === "ACTIVE");
  const pending = kase.grants.find((g) => g.status === "PENDING");
  const purpose = PURPOSE_FOR_BASIS[kase.basis];
  return {
    id: kase.id,
    number: kase.number,
    basis: kase.basis,
    category: kase.category,
    status: kase.status,
    priority: kase.priority,
    createdAt: kase.createdAt.toISOString(),
    claimedAt: kase.claimedAt?.toISOString() ?? null,
    assignee: kase.assignee,
    decision:
      kase.decision && kase.decidedAt
        ? {
            decision: kase.decision,
            note: kase.decisionNote ?? "",
            decidedAt: kase.decidedAt.toISOString(),
            decidedBy: kase.decidedBy?.name ?? "",
            delivery: kase.finalDecision?.delivery ? toDeliveryState(kase.finalDecision.delivery) : null,
          }
        : null,
    defaultTargetId: await defaultTargetOf(db, kase.id),
    reports: kase.reports.map((r) => ({
      id: r.id,
      category: r.category,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      reportedPositions: r.messages.map((m) => m.message.position).sort((a, b) => a - b),
    })),
    flags: await flagsOfCase(db, kase.id, facts.conversationId),
    participants,
    messageCount: kase.conversation.messageCount,
    activeGrant: active ? toGrantSummary(active) : null,
    pendingGrant: pending ? toGrantSummary(pending) : null,
    defaultPurpose: purpose,
    purposes: purposesFor(kase.basis, me.roles),
    // Hints for the UI only; each action asks the same policy again on the server.
    may: {
      claim: facts.assigneeId === null && decideClaim(me, facts).allow,
      requestGrant: decideConversationAccess(me, facts, "grant:request").allow && me.roles.some((r) => PURPOSE_RULES[purpose].roles.includes(r)),
      decide: decideCaseDecision(me, facts).allow,
      expandScope: active !== undefined && PURPOSE_RULES[active.purpose].expandable && decideConversationAccess(me, facts, "grant:expand").allow,
    },
  };
}
