import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { SEVERITY_PRIORITY } from "@/lib/policy/detection";
import type { ActiveRule } from "./rule-set";

// A flag opens a PROACTIVE_FLAG case, or joins the conversation's open case (a user report's or
// an earlier flag's) by adding its message to the case's flagged messages — the anchors of the
// PROACTIVE_FLAG scope (flagged ± 5) and, in a report's case, anchors beside the reported ones.
// The case's priority becomes the most urgent of its own and the rules' severities. Legal,
// emergency and appeal cases are never joined: their scope is set by their own request.
// The caller holds the conversations' row locks.

export type NewFlag = { messageId: string; conversationId: string; rule: ActiveRule };

const JOINABLE = ["USER_REPORT", "PROACTIVE_FLAG"] as const;

/** Writes the flags and their cases; returns how many messages got a new flag. */
export async function flagMessages(tx: Prisma.TransactionClient, flags: readonly NewFlag[]): Promise<number> {
  const byConversation = new Map<string, NewFlag[]>();
  for (const f of flags) byConversation.set(f.conversationId, [...(byConversation.get(f.conversationId) ?? []), f]);
  let flagged = 0;
  for (const [conversationId, list] of byConversation) {
    // A message flagged before by the same rule (a pattern naming an earlier message again) adds nothing.
    const known = await tx.detectionFlag.findMany({
      where: { conversationId, OR: list.map((f) => ({ messageId: f.messageId, ruleId: f.rule.id })) },
      select: { messageId: true, ruleId: true },
    });
    const seen = new Set(known.map((k) => `${k.messageId} ${k.ruleId}`));
    const fresh = list.filter((f) => {
      const k = `${f.messageId} ${f.rule.id}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
    if (fresh.length === 0) continue;
    const messageIds = [...new Set(fresh.map((f) => f.messageId))];
    const worst = fresh.reduce((a, b) => (SEVERITY_PRIORITY[b.rule.severity] < SEVERITY_PRIORITY[a.rule.severity] ? b : a));
    const priority = SEVERITY_PRIORITY[worst.rule.severity];
    const open = await tx.case.findFirst({
      where: { conversationId, basis: { in: [...JOINABLE] }, status: { not: "CLOSED" } },
      orderBy: { createdAt: "asc" },
      select: { id: true, priority: true, flaggedMessageIds: true },
    });
    const kase = open
      ? await tx.case.update({
          where: { id: open.id },
          data: { priority: Math.min(open.priority, priority), flaggedMessageIds: [...new Set([...open.flaggedMessageIds, ...messageIds])] },
          select: { id: true },
        })
      : await tx.case.create({ data: { basis: "PROACTIVE_FLAG", category: worst.rule.category, priority, conversationId, flaggedMessageIds: messageIds }, select: { id: true } });
    await tx.detectionFlag.createMany({
      data: fresh.map((f) => ({ messageId: f.messageId, conversationId, caseId: kase.id, ruleId: f.rule.id, ruleVersion: f.rule.version })),
      skipDuplicates: true,
    });
    flagged += messageIds.length;
  }
  return flagged;
}
