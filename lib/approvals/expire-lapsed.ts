import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb, type Tx } from "@/lib/db";

// Requests nobody approved within 24 h lapse. They are expired lazily — whenever the inbox is
// read or someone acts on a request — so no scheduler is needed, and each lapse is one
// GRANT_EXPIRED event with no actor (the system did it). The conditional update makes the
// expiry happen, and be logged, exactly once even when two inboxes load at the same moment.

export async function expireOne(tx: Tx, grant: { id: string; caseId: string; conversationId: string; purpose: string; staffId: string }, now: Date): Promise<boolean> {
  const done = await tx.accessGrant.updateMany({
    where: { id: grant.id, status: "PENDING", approvalDueAt: { lte: now } },
    data: { status: "ENDED", endedAt: now, endedReason: "approval lapsed" },
  });
  if (done.count !== 1) return false;
  await recordEvent(tx, {
    actor: null,
    action: "GRANT_EXPIRED",
    outcome: "ALLOWED",
    caseId: grant.caseId,
    conversationId: grant.conversationId,
    grantId: grant.id,
    purpose: grant.purpose,
    details: { reason: "not approved within 24 hours", requesterId: grant.staffId },
  });
  return true;
}

export async function expireLapsedRequests(now = new Date()): Promise<number> {
  const db = getDb();
  const lapsed = await db.accessGrant.findMany({
    where: { status: "PENDING", approvalDueAt: { lte: now } },
    select: { id: true, caseId: true, conversationId: true, purpose: true, staffId: true },
    take: 500,
  });
  let n = 0;
  for (const g of lapsed) if (await db.$transaction((tx) => expireOne(tx, g, now))) n++;
  return n;
}
