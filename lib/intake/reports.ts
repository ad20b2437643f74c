import "server-only";
import type { Tx } from "@/lib/db";
import { refuse } from "./intake-errors";
import type { ReportBody, ReportResult } from "./schemas";

// A user report opens a case, or joins the open case of its conversation so that several
// reports of one thread make one case ("3 reporters"), not three. It joins a case that
// reviewers work from reported or flagged messages (a user report or a detection flag, open,
// in review or escalated); it does not join a legal-request case, which only LEGAL staff see
// (the report would vanish from the reviewers' queue), nor an emergency or appeal case, whose
// scope is not anchored on reported messages. Idempotent by platform report id: a re-sent
// report answers exactly as the first time.

const DEFAULT_PRIORITY = { THREATS: 1, SELF_HARM: 1, GROOMING: 1, HATE: 2, HARASSMENT: 3, SCAM: 3 } as const;
const JOINABLE = ["USER_REPORT", "PROACTIVE_FLAG"] as const;

export async function ingestReport(tx: Tx, input: ReportBody): Promise<ReportResult & { duplicate: boolean }> {
  const existing = await tx.userReport.findUnique({ where: { externalId: input.id }, select: { id: true, caseId: true, openedCase: true } });
  if (existing) return { reportId: existing.id, caseId: existing.caseId, newCase: existing.openedCase, duplicate: true };

  const conv = await tx.conversation.findUnique({
    where: { externalId: input.conversationId },
    select: { id: true, participants: { select: { account: { select: { id: true, externalId: true } } } } },
  });
  if (!conv) throw refuse("UNKNOWN_CONVERSATION", ["conversationId"], "no conversation with this id");
  const reporter = conv.participants.find((p) => p.account.externalId === input.reporterId)?.account;
  if (!reporter) throw refuse("NOT_A_PARTICIPANT", ["reporterId"], "the reporter is not a participant of this conversation");
  const wanted = [...new Set(input.messageIds)];
  const messages = await tx.message.findMany({ where: { conversationId: conv.id, externalId: { in: wanted } }, select: { id: true, externalId: true } });
  const found = new Set(messages.map((m) => m.externalId));
  const missing = input.messageIds.findIndex((id) => !found.has(id));
  if (missing >= 0) throw refuse("UNKNOWN_MESSAGE", ["messageIds", missing], "no message with this id in this conversation");

  // Serialise reports on one conversation so two reporters cannot open two cases.
  await tx.$executeRaw`SELECT 1 FROM conversation WHERE id = ${conv.id}::uuid FOR UPDATE`;
  // A concurrent copy of this report may have committed while we waited for the lock.
  const raced = await tx.userReport.findUnique({ where: { externalId: input.id }, select: { id: true, caseId: true, openedCase: true } });
  if (raced) return { reportId: raced.id, caseId: raced.caseId, newCase: raced.openedCase, duplicate: true };
  const open = await tx.case.findFirst({
    where: { conversationId: conv.id, basis: { in: [...JOINABLE] }, status: { not: "CLOSED" } },
    orderBy: { createdAt: "asc" },
    select: { id: true, priority: true },
  });
  const priority = input.priority ?? DEFAULT_PRIORITY[input.category];
  const kase = open
    ? await tx.case.update({ where: { id: open.id }, data: { priority: Math.min(open.priority, priority) }, select: { id: true } })
    : await tx.case.create({ data: { basis: "USER_REPORT", category: input.category, priority, conversationId: conv.id, createdAt: input.createdAt }, select: { id: true } });
  const report = await tx.userReport.create({
    data: {
      externalId: input.id,
      reporterId: reporter.id,
      conversationId: conv.id,
      caseId: kase.id,
      category: input.category,
      text: input.text,
      createdAt: input.createdAt,
      openedCase: !open,
      messages: { create: messages.map((m) => ({ messageId: m.id })) },
    },
    select: { id: true },
  });
  return { reportId: report.id, caseId: kase.id, newCase: !open, duplicate: false };
}
