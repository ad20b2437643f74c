import "server-only";
import type { PoolClient } from "pg";
import { type EventOf, eventInsert } from "@/lib/log/events/record-event";
import { type Fragment, type Param, placeholders, raw, spliced, sql } from "@/lib/db/sql";
import type { CaseStatus, GrantStatus } from "@/lib/policy/enums";
import type { Purpose } from "@/lib/policy/purposes";
import type { Region } from "@/lib/policy/roles";

// The content route is the hot path (hundreds of logged reads a second). A read is two
// hand-written statements on a pooled pg connection, each atomic on its own (no BEGIN/COMMIT
// round trips): (1) load everything the policy needs, including the reader's reads in the last
// hour; then, if the policy allows, (2) count the read, insert the access event and return the
// ciphertexts it names — one statement that re-checks the grant, its scope and the hourly
// limit as it writes, and either does all of it or none. Both are named, with their text built
// once (lib/db/sql.ts), so PostgreSQL parses and plans them once per connection.

export type ReadContext = {
  id: string;
  status: CaseStatus;
  assigneeId: string | null;
  conversationId: string;
  messageCount: number;
  /** Set once retention destroyed the conversation's data keys (lib/jobs/shred-expired.ts). */
  shreddedAt: Date | null;
  participants: { accountId: string; handle: string; dataRegion: Region }[];
  reportedMessageIds: string[];
  keys: { version: number; wrappedKey: string; kekId: string }[];
  grant: { id: string; staffId: string; status: GrantStatus; purpose: Purpose; expiresAt: Date; scopeFrom: number; scopeTo: number } | null;
  /** This reader's content reads in the last hour, this one included. */
  readsInLastHour: number;
};

type Row = {
  id: string;
  status: ReadContext["status"];
  assignee_id: string | null;
  conversation_id: string;
  message_count: number;
  shredded_at: Date | null;
  participants: ReadContext["participants"];
  reported: string[] | null;
  keys: ReadContext["keys"] | null;
  grant_id: string | null;
  grant_staff_id: string | null;
  grant_status: NonNullable<ReadContext["grant"]>["status"] | null;
  grant_purpose: Purpose | null;
  grant_expires_at: Date | null;
  grant_scope_from: number | null;
  grant_scope_to: number | null;
  reads_in_last_hour: number;
};

const ctx = placeholders<{ caseId: string; staffId: string; now: Date }>();
const READ_CONTEXT = sql`
SELECT c.id, c.status::text AS status, c.assignee_id, c.conversation_id, conv.message_count, conv.shredded_at,
  (SELECT coalesce(json_agg(json_build_object('accountId', a.id, 'handle', a.handle, 'dataRegion', a.data_region)), '[]'::json)
     FROM conversation_participant p JOIN platform_account a ON a.id = p.account_id
    WHERE p.conversation_id = c.conversation_id) AS participants,
  (SELECT array_agg(rm.message_id::text) FROM user_report r JOIN reported_message rm ON rm.report_id = r.id
    WHERE r.case_id = c.id) AS reported,
  (SELECT json_agg(json_build_object('version', k.version, 'wrappedKey', encode(k.wrapped_key, 'base64'), 'kekId', k.kek_id))
     FROM conversation_key k WHERE k.conversation_id = c.conversation_id) AS keys,
  g.id AS grant_id, g.staff_id AS grant_staff_id, g.status::text AS grant_status, g.purpose::text AS grant_purpose,
  g.expires_at AS grant_expires_at, g.scope_from AS grant_scope_from, g.scope_to AS grant_scope_to,
  (SELECT coalesce(sum(t.reads), 0) FROM content_read_tally t
    WHERE t.staff_id = ${ctx.staffId}::uuid AND t.minute > ${ctx.now}::timestamptz - interval '1 hour')::int + 1 AS reads_in_last_hour
FROM "case" c
JOIN conversation conv ON conv.id = c.conversation_id
LEFT JOIN LATERAL (
  SELECT * FROM access_grant WHERE case_id = c.id AND staff_id = ${ctx.staffId}::uuid
  -- A live grant wins over a newer pending widening of it; otherwise the latest says why not.
  ORDER BY (status = 'ACTIVE') DESC, created_at DESC LIMIT 1
) g ON true
WHERE c.id = ${ctx.caseId}::uuid`;

/**
 * The case, its participants, reported message ids, data keys, the reader's current grant and
 * their reads in the last hour counting this one (minute buckets, a sliding window). Null if
 * there is no such case. Writes nothing.
 */
export async function loadReadContext(client: PoolClient, caseId: string, staffId: string, now: Date): Promise<ReadContext | null> {
  const { rows } = await client.query<Row>({ name: "custody-read-context", ...READ_CONTEXT.bind({ caseId, staffId, now }) });
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    assigneeId: r.assignee_id,
    conversationId: r.conversation_id,
    messageCount: r.message_count,
    shreddedAt: r.shredded_at,
    participants: r.participants,
    reportedMessageIds: r.reported ?? [],
    keys: r.keys ?? [],
    grant: r.grant_id
      ? {
          id: r.grant_id,
          staffId: r.grant_staff_id!,
          status: r.grant_status!,
          purpose: r.grant_purpose!,
          expiresAt: new Date(r.grant_expires_at!),
          scopeFrom: r.grant_scope_from!,
          scopeTo: r.grant_scope_to!,
        }
      : null,
    readsInLastHour: r.reads_in_last_hour,
  };
}

/** A message to reveal, as the statement returns it (rows are used as they come, not copied). */
export type SealedMessage = {
  id: string;
  position: number;
  senderId: string;
  /** Epoch milliseconds (int8, so a string): parsing 200 timestamps' text into Dates was an eighth of the reveal's Node CPU. */
  sentAtMs: string;
  hasMedia: boolean;
  /** The nonce (NONCE_BYTES) followed by the ciphertext: one field to parse instead of two. */
  sealed: Buffer;
  keyVersion: number;
};

const MESSAGE_COLUMNS = `m.id, m.position, m.sender_id AS "senderId", (date_part('epoch', m.sent_at) * 1000)::int8 AS "sentAtMs",
  m.has_media AS "hasMedia", m.nonce || m.ciphertext AS sealed, m.key_version AS "keyVersion"`;

const pos = placeholders<{ conversationId: string; ids: string[] }>();
const POSITIONS = sql`SELECT m.id, m.position FROM message m WHERE m.conversation_id = ${pos.conversationId}::uuid AND m.id = ANY(${pos.ids}::uuid[])`;

/** Positions of exactly these messages, where they belong to the conversation (to check them against the scope before deciding). */
export async function positionsOf(client: PoolClient, conversationId: string, ids: string[]): Promise<{ id: string; position: number }[]> {
  const { rows } = await client.query<{ id: string; position: number }>({ name: "custody-read-positions", ...POSITIONS.bind({ conversationId, ids }) });
  return rows;
}

export type Reveal = {
  staffId: string;
  now: Date;
  readLimitPerHour: number;
  grantId: string;
  conversationId: string;
  /** A position range, or exact ids; the statement checks either against the grant's scope itself. */
  messages: { from: number; to: number } | { ids: string[] };
  /** The event's purpose and justification are the grant's: the statement reads them from its row. */
  event: Omit<EventOf<"CONTENT_READ">, "messageIds" | "accountIds" | "purpose" | "justification">;
};

export type RevealResult =
  | { revealed: true; rows: SealedMessage[]; seq: bigint }
  /** Nothing was written: since the context was read, the grant stopped being live or the limit was reached, or a message asked for is outside the grant's scope. */
  | { revealed: false; grantLive: boolean; inScope: boolean; withinLimit: boolean };

type RevealValues = { event: readonly unknown[]; staffId: string; now: Date; readLimitPerHour: number; grantId: string; conversationId: string; ids: string[]; from: number; to: number };
const p = placeholders<RevealValues>();

// How each variant names its messages, and when all of them lie in the grant's scope as the
// statement reads the grant (`live`). The policy checked the scope already; this is the same
// check again where the rows are read, so a bug in one of the two cannot reveal on its own.
const BY_IDS = {
  inScope: sql`NOT EXISTS (SELECT 1 FROM unnest(${p.ids}::uuid[]) AS asked(id) WHERE NOT EXISTS (
      SELECT 1 FROM message m WHERE m.id = asked.id AND m.conversation_id = ${p.conversationId}::uuid
         AND m.position BETWEEN live.scope_from AND live.scope_to))`,
  selected: sql`m.id = ANY(${p.ids}::uuid[])`,
};
const BY_RANGE = {
  inScope: sql`${p.from}::int >= live.scope_from AND ${p.to}::int <= live.scope_to`,
  selected: sql`m.position BETWEEN ${p.from}::int AND ${p.to}::int`,
};

// One statement, so one transaction: it writes the tally increment and the event, and returns
// the ciphertexts, only if the grant is still live, the messages are in its scope and the read
// is within the hourly limit at the moment of writing. The upsert locks the reader's current
// minute bucket, so concurrent reads by one reader are counted one after another and cannot
// slip past the limit together (ON CONFLICT re-reads the bucket as committed by the other
// read). The event's message and account ids are computed by PostgreSQL from the very rows
// returned, and its purpose and justification from the grant row, so the event cannot name
// other messages, or another reason, than those of the read.
function revealStatement<S extends Param<string, unknown>>(event: { columns: string; values: Param<"event", readonly unknown[]> }, variant: { inScope: Fragment<S>; selected: Fragment<S> }) {
  return sql`
WITH live AS (
  SELECT g.purpose::text AS purpose, g.justification, g.scope_from, g.scope_to FROM access_grant g
   WHERE g.id = ${p.grantId}::uuid AND g.conversation_id = ${p.conversationId}::uuid
     AND g.status = 'ACTIVE' AND g.expires_at > ${p.now}::timestamptz
),
scoped AS (
  SELECT 1 FROM live WHERE ${variant.inScope}
),
earlier AS (
  SELECT coalesce(sum(t.reads), 0)::int AS n FROM content_read_tally t
   WHERE t.staff_id = ${p.staffId}::uuid AND t.minute > ${p.now}::timestamptz - interval '1 hour'
     AND t.minute <> date_trunc('minute', ${p.now}::timestamptz)
),
counted AS (
  INSERT INTO content_read_tally AS t (staff_id, minute, reads)
  SELECT ${p.staffId}::uuid, date_trunc('minute', ${p.now}::timestamptz), 1 FROM earlier
   WHERE earlier.n + 1 <= ${p.readLimitPerHour}::int AND EXISTS (SELECT 1 FROM scoped)
  ON CONFLICT (staff_id, minute) DO UPDATE SET reads = t.reads + 1
   WHERE (SELECT n FROM earlier) + t.reads + 1 <= ${p.readLimitPerHour}::int
  RETURNING 1
),
revealed AS MATERIALIZED (
  SELECT ${raw(MESSAGE_COLUMNS)} FROM message m
   WHERE EXISTS (SELECT 1 FROM counted) AND m.conversation_id = ${p.conversationId}::uuid AND ${variant.selected}
),
event AS (
  INSERT INTO access_event (${raw(event.columns)}) SELECT ${event.values} FROM counted RETURNING seq
)
-- The outcome comes once, in a first row of its own, then the messages (if any were revealed):
-- repeating it on 200 rows cost more to parse than the messages' own ids.
(SELECT EXISTS (SELECT 1 FROM live) AS grant_live, EXISTS (SELECT 1 FROM scoped) AS in_scope, EXISTS (SELECT 1 FROM counted) AS within_limit,
        (SELECT seq FROM event) AS seq,
        NULL::uuid AS id, NULL::int AS position, NULL::uuid AS "senderId", NULL::int8 AS "sentAtMs", NULL::boolean AS "hasMedia",
        NULL::bytea AS sealed, NULL::int AS "keyVersion")
UNION ALL
(SELECT NULL, NULL, NULL, NULL, revealed.* FROM revealed WHERE EXISTS (SELECT 1 FROM event) ORDER BY revealed.position)`;
}

// The event's columns the statement fills in itself rather than taking as parameters.
const FROM_STATEMENT = {
  message_ids: "coalesce((SELECT array_agg(id::text ORDER BY position) FROM revealed), '{}')",
  // Distinct as uuids, then text: sorting 200 strings under the database's collation cost more than the rest of the insert.
  account_ids: `coalesce((SELECT array_agg(s."senderId"::text) FROM (SELECT DISTINCT "senderId" FROM revealed) s), '{}')`,
  purpose: "(SELECT purpose FROM live)",
  justification: "(SELECT justification FROM live)",
};

function revealStatements(ev: { columns: string; values: string; params: unknown[] }) {
  const event = { columns: ev.columns, values: spliced("event", { text: ev.values, count: ev.params.length }) };
  return { byIds: revealStatement(event, BY_IDS), byRange: revealStatement(event, BY_RANGE) };
}
// The statements' text depends only on the variant (the event's columns and casts are fixed),
// so each is built once, on the first read, not on every read.
let statements: ReturnType<typeof revealStatements> | undefined;

/** Counts the read, logs it and returns the ciphertexts, all or nothing (see revealStatement). */
export async function reveal(client: PoolClient, r: Reveal): Promise<RevealResult> {
  const ev = eventInsert(r.event, FROM_STATEMENT);
  statements ??= revealStatements(ev);
  const common = { event: ev.params, staffId: r.staffId, now: r.now, readLimitPerHour: r.readLimitPerHour, grantId: r.grantId, conversationId: r.conversationId };
  const query =
    "ids" in r.messages
      ? { name: "custody-reveal-ids", ...statements.byIds.bind({ ...common, ids: r.messages.ids }) }
      : { name: "custody-reveal-range", ...statements.byRange.bind({ ...common, from: r.messages.from, to: r.messages.to }) };
  const { rows } = await client.query<SealedMessage & { seq: string | null; grant_live: boolean; in_scope: boolean; within_limit: boolean }>(query);
  // SQL does not promise the order of UNION ALL's branches: the outcome is the row without a message.
  const outcome = rows.find((r) => r.id === null)!;
  if (outcome.seq === null) return { revealed: false, grantLive: outcome.grant_live, inScope: outcome.in_scope, withinLimit: outcome.within_limit };
  const messages = rows.filter((r) => r.id !== null).sort((a, b) => a.position - b.position);
  return { revealed: true, rows: messages, seq: BigInt(outcome.seq) };
}
