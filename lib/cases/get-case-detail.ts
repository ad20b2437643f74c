import "server-only";
import { toGrantSummary } from "@/lib/access/grant-summary";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import type { CaseDetail, Participant } from "@/lib/dto";
import { UUID_RE } from "@/lib/ids";
import { can } from "@/lib/policy/permissions";
import { PURPOSE_FOR_BASIS } from "@/lib/policy/purposes";
import { visibleCasesWhere } from "./visible-cases";

// A case as a reviewer sees it before opening the thread: basis, report, participants and a
// message count — no message content. People who are neither reporter nor reported are
// masked (minimum necessary).
export async function getCaseDetail(staff: StaffContext, caseId: string): Promise<CaseDetail | null> {
  if (!UUID_RE.test(caseId)) return null;
  const db = getDb();
  const now = new Date();
  const kase = await db.case.findFirst({
    where: { id: caseId, ...visibleCasesWhere(staff) },
    select: {
      id: true, number: true, basis: true, category: true, status: true, priority: true, createdAt: true, claimedAt: true,
      decision: true, decisionNote: true, decidedAt: true,
      assignee: { select: { id: true, name: true } },
      decidedBy: { select: { name: true } },
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
      grants: {
        where: { staffId: staff.id, status: { in: ["ACTIVE", "PENDING"] }, expiresAt: { gt: now } },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { id: true, purpose: true, justification: true, scopeFrom: true, scopeTo: true, createdAt: true, expiresAt: true, status: true },
      },
    },
  });
  if (!kase) return null;
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
  const mine = kase.assignee?.id === staff.id;
  const open = kase.status !== "CLOSED";
  const activeGrant = kase.grants[0] ? toGrantSummary(kase.grants[0]) : null;
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
        ? { decision: kase.decision, note: kase.decisionNote ?? "", decidedAt: kase.decidedAt.toISOString(), decidedBy: kase.decidedBy?.name ?? "" }
        : null,
    reports: kase.reports.map((r) => ({
      id: r.id,
      category: r.category,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      reportedPositions: r.messages.map((m) => m.message.position).sort((a, b) => a - b),
    })),
    participants,
    messageCount: kase.conversation.messageCount,
    activeGrant,
    defaultPurpose: PURPOSE_FOR_BASIS[kase.basis],
    may: {
      claim: can(staff.roles, "case:claim") && !kase.assignee && (kase.status === "OPEN" || (kase.status === "ESCALATED" && staff.roles.includes("LEAD"))),
      requestGrant: can(staff.roles, "grant:request") && mine && open,
      decide: can(staff.roles, "case:decide") && mine && open,
    },
  };
}
