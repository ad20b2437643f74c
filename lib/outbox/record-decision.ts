import "server-only";
import type { Tx } from "@/lib/db";
import { BadRequestError } from "@/lib/errors";
import { ACTION_TAKEN, type FinalDecision, POLICY_GROUNDS } from "@/lib/policy/policy-grounds";
import { type DecisionWebhook, WEBHOOK_TYPE } from "./decision-webhook";
import { enqueueDelivery } from "./enqueue-delivery";

// A final decision becomes, in the transaction that closes its case, a `decision` row (its id
// is the webhook's decisionId and idempotency key), an `outbound_delivery` row holding the exact
// body to send, and the delivery job. All three commit with the decision or none do: that is
// the transactional outbox, and why a decision can be neither lost nor sent without being made.

export type FinalDecisionInput = {
  caseId: string;
  action: FinalDecision;
  note: string;
  /** The account the decision applies to (a participant); default: the sender of the reported or flagged messages. */
  targetAccountId?: string;
  decidedById: string;
  decidedAt: Date;
};

export async function recordFinalDecision(tx: Tx, input: FinalDecisionInput): Promise<{ decisionId: string; targetAccountId: string }> {
  const kase = await tx.case.findUniqueOrThrow({
    where: { id: input.caseId },
    select: {
      id: true,
      number: true,
      basis: true,
      category: true,
      conversationId: true,
      flaggedMessageIds: true,
      appealOfId: true,
      conversation: { select: { participants: { select: { accountId: true, account: { select: { externalId: true } } } } } },
      reports: { orderBy: { createdAt: "asc" }, select: { externalId: true } },
    },
  });
  const anchors = await decisionAnchors(tx, kase.id);
  const participants = new Map(kase.conversation.participants.map((p) => [p.accountId, p.account.externalId]));

  const targetAccountId = input.targetAccountId ?? defaultTarget(anchors);
  if (!targetAccountId) throw new BadRequestError("Choose the account this decision applies to: the case has no reported or flagged sender.", "TARGET_REQUIRED");
  const targetExternalId = participants.get(targetAccountId);
  if (!targetExternalId) throw new BadRequestError("The decision's target must be a participant of this conversation.", "TARGET_NOT_PARTICIPANT");
  // REMOVE_MESSAGE removes the reported or flagged messages; the other actions apply to the account.
  const targetMessageIds = input.action === "REMOVE_MESSAGE" ? [...new Set(anchors.map((m) => m.id))] : [];
  const automatedDetection = kase.basis === "PROACTIVE_FLAG" || kase.flaggedMessageIds.length > 0;
  const appealed = kase.appealOfId ? await tx.decision.findUnique({ where: { caseId: kase.appealOfId }, select: { id: true } }) : null;

  const decision = await tx.decision.create({
    data: {
      caseId: kase.id,
      action: input.action,
      targetAccountId,
      targetMessageIds,
      category: kase.category,
      basis: kase.basis,
      policyGround: POLICY_GROUNDS[kase.category],
      automatedDetection,
      decidedById: input.decidedById,
      decidedAt: input.decidedAt,
      appealOfId: appealed?.id ?? null,
    },
    select: { id: true },
  });
  const messageExternalIds = targetMessageIds.length
    ? (await tx.message.findMany({ where: { id: { in: targetMessageIds } }, orderBy: { position: "asc" }, select: { externalId: true } })).map((m) => m.externalId)
    : [];
  const payload: DecisionWebhook = {
    type: WEBHOOK_TYPE,
    timestamp: input.decidedAt.toISOString(),
    data: {
      decisionId: decision.id,
      caseId: kase.id,
      caseNumber: kase.number,
      action: input.action,
      target: { accountId: targetExternalId, messageIds: messageExternalIds },
      ground: { category: kase.category, basis: kase.basis, policy: POLICY_GROUNDS[kase.category] },
      automatedDetection,
      automatedDecision: false,
      facts: input.note,
      decidedAt: input.decidedAt.toISOString(),
      appealOf: appealed?.id ?? null,
      // Reporter feedback: whether the report led to action, so the platform can tell its reporter.
      reports: kase.reports.map((r) => ({ reportId: r.externalId, actionTaken: ACTION_TAKEN[input.action] })),
    },
  };
  await tx.outboundDelivery.create({ data: { decisionId: decision.id, payload, windowStartedAt: input.decidedAt } });
  await enqueueDelivery(tx, decision.id);
  return { decisionId: decision.id, targetAccountId };
}

type Anchor = { id: string; senderId: string; position: number };

/**
 * The messages a decision is about: the case's reported and flagged messages, by position; for
 * an appeal without its own, those of the appealed case (the appeal re-decides the same thing).
 */
export async function decisionAnchors(db: Pick<Tx, "case" | "message">, caseId: string): Promise<Anchor[]> {
  const select = { flaggedMessageIds: true, reports: { select: { messages: { select: { message: { select: { id: true, senderId: true, position: true } } } } } } } as const;
  const kase = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { ...select, appealOf: { select } } });
  const of = async (k: { flaggedMessageIds: string[]; reports: { messages: { message: Anchor }[] }[] }) => [
    ...k.reports.flatMap((r) => r.messages.map((m) => m.message)),
    ...(k.flaggedMessageIds.length ? await db.message.findMany({ where: { id: { in: k.flaggedMessageIds } }, select: { id: true, senderId: true, position: true } }) : []),
  ];
  let anchors = await of(kase);
  if (!anchors.length && kase.appealOf) anchors = await of(kase.appealOf);
  return [...new Map(anchors.map((a) => [a.id, a])).values()].sort((a, b) => a.position - b.position);
}

/** The sender of most reported or flagged messages (the earliest such on a tie). */
function defaultTarget(anchors: { senderId: string }[]): string | undefined {
  const counts = new Map<string, number>();
  for (const m of anchors) counts.set(m.senderId, (counts.get(m.senderId) ?? 0) + 1);
  let best: string | undefined;
  for (const [id, n] of counts) if (best === undefined || n > counts.get(best)!) best = id;
  return best;
}

/** The default target as the case page offers it (same rule as above). */
export async function defaultTargetOf(db: Pick<Tx, "case" | "message">, caseId: string): Promise<string | null> {
  return defaultTarget(await decisionAnchors(db, caseId)) ?? null;
}
