import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { CaseFacts } from "@/lib/policy/facts";
import type { Scope } from "@/lib/policy/purposes";

// Loads what the policy needs to know about a case (lib/policy/facts.ts), with the ids the
// caller needs to act on it. One place, so every decision about a case sees the same facts.

export type LoadedCase = CaseFacts & { id: string; number: number; conversationId: string };

const ANCHOR_SELECT = {
  flaggedMessageIds: true,
  reports: { select: { messages: { select: { message: { select: { position: true } } } } } },
} as const;

export async function loadCaseFacts(db: Db | Tx, caseId: string): Promise<LoadedCase | null> {
  const kase = await db.case.findUnique({
    where: { id: caseId },
    select: {
      id: true,
      number: true,
      basis: true,
      status: true,
      assigneeId: true,
      conversationId: true,
      conversation: { select: { messageCount: true, participants: { select: { account: { select: { id: true, dataRegion: true, isProtected: true } } } } } },
      ...ANCHOR_SELECT,
      appealOf: { select: { assigneeId: true, decidedById: true, grants: { select: { staffId: true } }, ...ANCHOR_SELECT } },
      legalRequest: { select: { verifiedById: true, verificationPassed: true, namedAccountIds: true, dateFrom: true, dateTo: true, instrument: true, jurisdiction: true } },
    },
  });
  if (!kase) return null;
  const anchors = async (k: { flaggedMessageIds: string[]; reports: { messages: { message: { position: number } }[] }[] }) => [
    ...k.reports.flatMap((r) => r.messages.map((m) => m.message.position)),
    ...(await positionsOf(db, kase.conversationId, k.flaggedMessageIds)),
  ];
  const original = kase.appealOf;
  const legal = kase.legalRequest;
  return {
    id: kase.id,
    number: kase.number,
    conversationId: kase.conversationId,
    basis: kase.basis,
    status: kase.status,
    assigneeId: kase.assigneeId,
    messageCount: kase.conversation.messageCount,
    participants: kase.conversation.participants.map(({ account: a }) => ({ accountId: a.id, dataRegion: a.dataRegion, isProtected: a.isProtected })),
    anchors: await anchors(kase),
    appealOf: original
      ? {
          reviewerIds: [...new Set([original.assigneeId, original.decidedById, ...original.grants.map((g) => g.staffId)].filter((x): x is string => x !== null))],
          anchors: await anchors(original),
        }
      : null,
    legal: legal
      ? {
          // A failed verification is no verification: the request was rejected.
          verifiedById: legal.verificationPassed === true ? legal.verifiedById : null,
          namedAccountIds: legal.namedAccountIds,
          range: await positionsBetween(db, kase.conversationId, legal.dateFrom, legal.dateTo),
          instrument: legal.instrument,
          jurisdiction: legal.jurisdiction,
        }
      : null,
  };
}

async function positionsOf(db: Db | Tx, conversationId: string, ids: string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.message.findMany({ where: { conversationId, id: { in: ids } }, select: { position: true } });
  return rows.map((r) => r.position);
}

/** The positions of the first and last message sent inside [from, to], or null if none. */
export async function positionsBetween(db: Db | Tx, conversationId: string, from: Date, to: Date): Promise<Scope | null> {
  const agg = await db.message.aggregate({ where: { conversationId, sentAt: { gte: from, lte: to } }, _min: { position: true }, _max: { position: true } });
  return agg._min.position !== null && agg._max.position !== null ? { from: agg._min.position, to: agg._max.position } : null;
}
