import "server-only";
import type { Db } from "@/lib/db";
import { recordEvents } from "@/lib/log/events/record-event";
import { RETENTION_DAYS } from "@/lib/policy/retention";
import type { Region } from "@/lib/policy/roles";

// The retention sweep (crypto-shredding): every conversation whose last message is older than
// its retention period (lib/policy/retention.ts), and that no active preservation hold covers,
// loses its data keys. Its ciphertexts stay but can never be opened again; `shredded_at` marks
// it so the content route answers 410 and key rotation passes it by. Each shred commits with
// its KEY_SHREDDED event. The hold check and the delete are one statement per batch, under a
// lock on the hold table, so a hold placed mid-sweep is respected.

export const SHRED_TASK = "shred-expired";
/** Hourly, on the job runner (ADR 015). */
export const SHRED_CRONTAB = `0 * * * * ${SHRED_TASK}`;

export type ShredResult = { shredded: number; conversationIds: string[] };

export type ShredOptions = {
  now?: Date;
  batch?: number;
  retention?: Record<Region, number>;
  /** Restricts the sweep to these conversations (a targeted run; tests sharing a database). */
  only?: readonly string[];
};

export async function shredExpiredConversations(db: Db, opts: ShredOptions = {}): Promise<ShredResult> {
  const now = opts.now ?? new Date();
  const batch = opts.batch ?? 1000;
  const days = opts.retention ?? RETENTION_DAYS;
  const only = opts.only ? [...opts.only] : null;
  const ids: string[] = [];
  // A cursor over conversation ids: each batch starts where the last one stopped, so the held
  // and the not-yet-expired are looked at once per sweep, not once per batch.
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const done = await db.$transaction(async (tx) => {
      // No hold may be placed, renewed or released while this batch decides: the table lock
      // makes placing one wait for the batch (or the batch see it), so a shred never races a hold.
      await tx.$executeRaw`LOCK TABLE preservation_hold IN SHARE MODE`;
      const rows = await tx.$queryRaw<{ id: string; last_at: Date | null; days: number; region: string | null; accounts: string[] }[]>`
        SELECT c.id, x.last_at, x.days, x.region,
               (SELECT array_agg(p.account_id::text ORDER BY p.account_id) FROM conversation_participant p WHERE p.conversation_id = c.id) AS accounts
          FROM conversation c
         CROSS JOIN LATERAL (
           SELECT (SELECT max(m.sent_at) FROM message m WHERE m.conversation_id = c.id) AS last_at,
                  (SELECT max(CASE a.data_region WHEN 'US' THEN ${days.US}::int ELSE ${days.EU}::int END)
                     FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id WHERE p.conversation_id = c.id) AS days,
                  (SELECT string_agg(DISTINCT a.data_region::text, ',')
                     FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id WHERE p.conversation_id = c.id) AS region
         ) x
         WHERE c.shredded_at IS NULL
           AND c.id > ${after}::uuid
           AND (${only}::uuid[] IS NULL OR c.id = ANY (${only}::uuid[]))
           AND x.days IS NOT NULL
           AND coalesce(x.last_at, '-infinity'::timestamptz) < ${now}::timestamptz - make_interval(days => x.days)
           -- The held accounts are an uncorrelated subquery: PostgreSQL hashes them once per batch.
           AND NOT EXISTS (
             SELECT 1 FROM conversation_participant p
              WHERE p.conversation_id = c.id
                AND p.account_id IN (SELECT unnest(h.account_ids) FROM preservation_hold h WHERE h.released_at IS NULL AND h.expires_at > ${now}::timestamptz))
         ORDER BY c.id
         LIMIT ${batch}
         FOR UPDATE OF c SKIP LOCKED`;
      if (rows.length === 0) return 0;
      // Set-based for the batch: one DELETE of the keys, one UPDATE of the conversations, then one event each.
      const batchIds = rows.map((r) => r.id);
      const deleted = await tx.$queryRaw<{ conversation_id: string; n: number }[]>`
        WITH d AS (DELETE FROM conversation_key WHERE conversation_id = ANY (${batchIds}::uuid[]) RETURNING conversation_id)
        SELECT conversation_id::text, count(*)::int AS n FROM d GROUP BY conversation_id`;
      const keysDeleted = new Map(deleted.map((d) => [d.conversation_id, d.n]));
      await tx.conversation.updateMany({ where: { id: { in: batchIds } }, data: { shreddedAt: now } });
      await recordEvents(
        tx,
        rows.map((r) => ({
          actor: null,
          action: "KEY_SHREDDED" as const,
          outcome: "ALLOWED" as const,
          conversationId: r.id,
          // The participants, so an offline check can prove no held account lost content (audit:verify --retention).
          accountIds: r.accounts ?? [],
          details: { lastMessageAt: r.last_at ? r.last_at.toISOString() : null, retentionDays: r.days, keysDeleted: keysDeleted.get(r.id) ?? 0, region: r.region ?? "-" },
        })),
      );
      ids.push(...batchIds);
      after = batchIds[batchIds.length - 1]!;
      return rows.length;
    });
    if (done < batch) break;
  }
  return { shredded: ids.length, conversationIds: ids };
}
