import "server-only";
import type { Db } from "@/lib/db";
import { BadRequestError } from "@/lib/errors";
import { reportInput, type ReportInput } from "./schemas";

// A user report opens a case, or joins the open case for the same conversation so that
// several reporters of one thread make one case ("3 reporters"), not three.

const DEFAULT_PRIORITY = { THREATS: 1, SELF_HARM: 1, GROOMING: 1, HATE: 2, HARASSMENT: 3, SCAM: 3 } as const;

export async function ingestReport(db: Db, raw: ReportInput): Promise<{ reportId: string; caseId: string; newCase: boolean }> {
  const input = reportInput.parse(raw);
  return db.$transaction(async (tx) => {
    const existing = await tx.userReport.findUnique({ where: { externalId: input.externalId }, select: { id: true, caseId: true } });
    if (existing) return { reportId: existing.id, caseId: existing.caseId, newCase: false };

    const conv = await tx.conversation.findUnique({
      where: { externalId: input.conversationExternalId },
      select: { id: true, participants: { select: { account: { select: { id: true, externalId: true } } } } },
    });
    if (!conv) throw new BadRequestError(`Unknown conversation ${input.conversationExternalId}`, "UNKNOWN_CONVERSATION");
    const reporter = conv.participants.find((p) => p.account.externalId === input.reporterExternalId)?.account;
    if (!reporter) throw new BadRequestError("The reporter is not a participant of the conversation", "NOT_A_PARTICIPANT");
    const messages = await tx.message.findMany({
      where: { conversationId: conv.id, externalId: { in: input.reportedMessageExternalIds } },
      select: { id: true },
    });
    if (messages.length !== new Set(input.reportedMessageExternalIds).size) {
      throw new BadRequestError("Some reported messages are not in this conversation", "UNKNOWN_MESSAGE");
    }

    // Serialise reports on one conversation so two reporters cannot open two cases.
    await tx.$executeRaw`SELECT 1 FROM conversation WHERE id = ${conv.id}::uuid FOR UPDATE`;
    const open = await tx.case.findFirst({
      where: { conversationId: conv.id, basis: "USER_REPORT", status: { not: "CLOSED" } },
      orderBy: { createdAt: "asc" },
      select: { id: true, priority: true },
    });
    const priority = input.priority ?? DEFAULT_PRIORITY[input.category];
    const kase = open
      ? await tx.case.update({ where: { id: open.id }, data: { priority: Math.min(open.priority, priority) }, select: { id: true } })
      : await tx.case.create({
          data: { basis: "USER_REPORT", category: input.category, priority, conversationId: conv.id, createdAt: input.createdAt },
          select: { id: true },
        });
    const report = await tx.userReport.create({
      data: {
        externalId: input.externalId,
        reporterId: reporter.id,
        conversationId: conv.id,
        caseId: kase.id,
        category: input.category,
        text: input.text,
        createdAt: input.createdAt,
        messages: { create: messages.map((m) => ({ messageId: m.id })) },
      },
      select: { id: true },
    });
    return { reportId: report.id, caseId: kase.id, newCase: !open };
  });
}
