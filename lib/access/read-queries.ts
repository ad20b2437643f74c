import "server-only";
import type { PoolClient } from "pg";
import { eventInsert, type EventInput } from "@/lib/audit/record-event";
import type { Purpose } from "@/lib/policy/purposes";
import type { Region } from "@/lib/policy/roles";

// The content route is the hot path (hundreds of logged reads a second). A read is two
// hand-written statements in one transaction on a pooled pg connection: (1) count the read
// against the hourly limit and load everything the policy needs; then, if the policy allows,
// (2) insert the access event and return the ciphertexts it names. Both are named, so
// PostgreSQL parses and plans them once per connection, not on every read.

export type ReadContext = {
  id: string;
  status: "OPEN" | "IN_REVIEW" | "ESCALATED" | "CLOSED";
  assigneeId: string | null;
  conversationId: string;
  messageCount: number;
  participants: { accountId: string; handle: string; dataRegion: Region }[];
  reportedMessageIds: string[];
  keys: { version: number; wrappedKey: string; kekId: string }[];
  grant: { id: string; staffId: string; status: "PENDING" | "ACTIVE" | "REJECTED" | "ENDED"; purpose: Purpose; justification: string; expiresAt: Date; scopeFrom: number; scopeTo: number } | null;
  /** This reader's content reads in the last hour, this one included. */
  readsInLastHour: number;
};

type Row = {
  id: string;
  status: ReadContext["status"];
  assignee_id: string | null;
  conversation_id: string;
  message_count: number;
  participants: ReadContext["participants"];
  reported: string[] | null;
  keys: ReadContext["keys"] | null;
  grant_id: string | null;
  grant_staff_id: string | null;
  grant_status: NonNullable<ReadContext["grant"]>["status"] | null;
  grant_purpose: Purpose | null;
  grant_justification: string | null;
  grant_expires_at: Date | null;
  grant_scope_from: number | null;
  grant_scope_to: number | null;
  reads_in_last_hour: number;
};

// Counting the read: minute buckets per reader, summed over the last 60 minutes (a sliding
// window). The upsert locks this reader's current bucket until the transaction ends, so
// concurrent reads by one reader are counted one after another and cannot slip past the limit
// together; a refused or failed read rolls its increment back. (The sum cannot see the
// upsert's own row, which is why the current minute is taken from the upsert.)
const READ_CONTEXT_SQL = `
WITH bump AS (
  INSERT INTO content_read_tally (staff_id, minute, reads)
  VALUES ($2::uuid, date_trunc('minute', $3::timestamptz), 1)
  ON CONFLICT (staff_id, minute) DO UPDATE SET reads = content_read_tally.reads + 1
  RETURNING minute, reads
)
SELECT c.id, c.status::text AS status, c.assignee_id, c.conversation_id, conv.message_count,
  (SELECT coalesce(json_agg(json_build_object('accountId', a.id, 'handle', a.handle, 'dataRegion', a.data_region)), '[]'::json)
     FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id
    WHERE p.conversation_id = c.conversation_id) AS participants,
  (SELECT array_agg(rm.message_id::text) FROM user_report r JOIN reported_message rm ON rm.report_id = r.id
    WHERE r.case_id = c.id) AS reported,
  (SELECT json_agg(json_build_object('version', k.version, 'wrappedKey', encode(k.wrapped_key, 'base64'), 'kekId', k.kek_id))
     FROM conversation_key k WHERE k.conversation_id = c.conversation_id) AS keys,
  g.id AS grant_id, g.staff_id AS grant_staff_id, g.status::text AS grant_status, g.purpose::text AS grant_purpose,
  g.justification AS grant_justification, g.expires_at AS grant_expires_at, g.scope_from AS grant_scope_from, g.scope_to AS grant_scope_to,
  ((SELECT reads FROM bump) + coalesce((
    SELECT sum(t.reads) FROM content_read_tally t
     WHERE t.staff_id = $2::uuid
       AND t.minute > $3::timestamptz - interval '1 hour'
       AND t.minute <> (SELECT minute FROM bump)
  ), 0))::int AS reads_in_last_hour
FROM "case" c
JOIN conversation conv ON conv.id = c.conversation_id
LEFT JOIN LATERAL (
  SELECT * FROM access_grant WHERE case_id = c.id AND staff_id = $2::uuid
  -- A live grant wins over a newer pending widening of it; otherwise the latest says why not.
  ORDER BY (status = 'ACTIVE') DESC, created_at DESC LIMIT 1
) g ON true
WHERE c.id = $1::uuid`;

/**
 * Counts this read against the reader's hourly limit, then loads the case, its participants,
 * reported message ids, data keys and the reader's current grant. Null if there is no such case.
 */
export async function loadReadContext(client: PoolClient, caseId: string, staffId: string, now: Date): Promise<ReadContext | null> {
  const { rows } = await client.query<Row>({ name: "custody-read-context", text: READ_CONTEXT_SQL, values: [caseId, staffId, now] });
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    assigneeId: r.assignee_id,
    conversationId: r.conversation_id,
    messageCount: r.message_count,
    participants: r.participants,
    reportedMessageIds: r.reported ?? [],
    keys: r.keys ?? [],
    grant: r.grant_id
      ? {
          id: r.grant_id,
          staffId: r.grant_staff_id!,
          status: r.grant_status!,
          purpose: r.grant_purpose!,
          justification: r.grant_justification!,
          expiresAt: new Date(r.grant_expires_at!),
          scopeFrom: r.grant_scope_from!,
          scopeTo: r.grant_scope_to!,
        }
      : null,
    readsInLastHour: r.reads_in_last_hour,
  };
}

export type SealedMessage = { id: string; position: number; senderId: string; sentAt: Date; hasMedia: boolean; ciphertext: Uint8Array; nonce: Uint8Array; keyVersion: number };

type MessageRow = { id: string; position: number; sender_id: string; sent_at: Date; has_media: boolean; ciphertext: Uint8Array; nonce: Uint8Array; key_version: number };

const MESSAGE_COLUMNS = "m.id, m.position, m.sender_id, m.sent_at, m.has_media, m.ciphertext, m.nonce, m.key_version";

function sealed(r: MessageRow): SealedMessage {
  return { id: r.id, position: r.position, senderId: r.sender_id, sentAt: r.sent_at, hasMedia: r.has_media, ciphertext: r.ciphertext, nonce: r.nonce, keyVersion: r.key_version };
}

/** Ciphertexts of exactly these messages, if they belong to the conversation (to learn their positions before deciding). */
export async function loadSealedMessagesById(client: PoolClient, conversationId: string, ids: string[]): Promise<SealedMessage[]> {
  const { rows } = await client.query<MessageRow>({
    name: "custody-read-messages-by-id",
    text: `SELECT ${MESSAGE_COLUMNS} FROM message m WHERE m.conversation_id = $1::uuid AND m.id = ANY($2::uuid[]) ORDER BY m.position`,
    values: [conversationId, ids],
  });
  return rows.map(sealed);
}

/**
 * Reveals a position range in one statement: inserts the access event naming exactly the
 * messages (and their senders) that the same statement returns, and returns their ciphertexts
 * with the event's seq. The ids are computed by PostgreSQL from the rows themselves, so the
 * event cannot name other messages than those handed back.
 */
export async function revealRange(client: PoolClient, conversationId: string, range: { from: number; to: number }, event: Omit<EventInput, "messageIds" | "accountIds">): Promise<{ rows: SealedMessage[]; seq: bigint }> {
  const ev = eventInsert(event, {
    message_ids: "coalesce((SELECT array_agg(id::text ORDER BY position) FROM revealed), '{}')",
    account_ids: "coalesce((SELECT array_agg(DISTINCT sender_id::text) FROM revealed), '{}')",
  });
  const n = ev.params.length;
  const { rows } = await client.query<MessageRow & { seq: string }>({
    name: "custody-reveal-range",
    text: `
      WITH revealed AS MATERIALIZED (
        SELECT ${MESSAGE_COLUMNS} FROM message m
         WHERE m.conversation_id = $${n + 1}::uuid AND m.position BETWEEN $${n + 2} AND $${n + 3}
      ),
      event AS (INSERT INTO access_event (${ev.columns}) VALUES (${ev.values}) RETURNING seq)
      SELECT event.seq, revealed.* FROM event LEFT JOIN revealed ON true ORDER BY revealed.position`,
    values: [...ev.params, conversationId, range.from, range.to],
  });
  const seq = BigInt(rows[0]!.seq);
  return { rows: rows[0]!.id === null ? [] : rows.map(sealed), seq };
}
