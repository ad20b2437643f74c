import "server-only";
import type { Db } from "@/lib/db";
import type { HistoryKind, TeamAccessEvent } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client";

// What the access-history pages (one's own, a lead's team) list of an event, and how they
// narrow by kind. Never message ids or text: a history says how many messages were read.

export const KIND_WHERE: Record<HistoryKind, Prisma.AccessEventWhereInput> = {
  all: {},
  reads: { action: "CONTENT_READ", outcome: "ALLOWED" },
  grants: { action: { in: ["GRANT_REQUESTED", "GRANT_APPROVED", "GRANT_REJECTED", "GRANT_REVOKED", "SCOPE_EXPANDED"] } },
  denials: { outcome: "DENIED" },
};

export const HISTORY_EVENT_SELECT = {
  seq: true,
  occurredAt: true,
  actorId: true,
  actorEmail: true,
  action: true,
  outcome: true,
  denialReason: true,
  caseId: true,
  messageIds: true,
  purpose: true,
  justification: true,
} as const satisfies Prisma.AccessEventSelect;

type HistoryRow = Prisma.AccessEventGetPayload<{ select: typeof HISTORY_EVENT_SELECT }>;

/** Keyset paging by seq: a cursor is the last seq shown. */
export function seqCursor(cursor: string | undefined): Prisma.AccessEventWhereInput {
  return cursor && /^\d{1,19}$/.test(cursor) ? { seq: { lt: BigInt(cursor) } } : {};
}

/** One page of events (fetched with one extra row to know if there is more), with case numbers. */
export async function toHistoryPage(db: Db, rows: HistoryRow[], limit: number): Promise<{ events: TeamAccessEvent[]; nextCursor: string | null }> {
  const page = rows.slice(0, limit);
  const caseIds = [...new Set(page.map((e) => e.caseId).filter((id): id is string => id !== null))];
  const numbers = new Map((await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } })).map((c) => [c.id, c.number]));
  return {
    events: page.map((e) => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
      actor: { id: e.actorId, email: e.actorEmail },
      action: e.action,
      outcome: e.outcome,
      denialReason: e.denialReason,
      caseId: e.caseId,
      caseNumber: e.caseId ? (numbers.get(e.caseId) ?? null) : null,
      messageCount: e.messageIds.length,
      purpose: e.purpose,
      justification: e.justification,
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.seq.toString() : null,
  };
}
