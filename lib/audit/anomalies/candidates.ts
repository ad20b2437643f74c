import "server-only";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CaseLink, DailyReads, Denial } from "./rules-patterns";
import type { ProtectedAccounts, ReadWithNextDecision } from "./rules-reads";
import type { LogEvent } from "./types";
import type { WorkingHours } from "@/lib/config/working-hours";

// SQL that narrows the log to the events each anomaly rule might flag, inside a time window.
// Each query rides an index of migration ..._audit_search_indexes ((action|outcome,
// occurred_at) btrees, GIN on account_ids) and is capped, so the page stays bounded however
// large the log; the rules in rules-*.ts make the decisions.

export const CANDIDATE_CAP = 20_000;

type Row = {
  seq: bigint;
  occurred_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  action: string;
  outcome: LogEvent["outcome"];
  denial_reason: string | null;
  case_id: string | null;
  conversation_id: string | null;
  account_ids: string[];
  purpose: string | null;
};

const COLUMNS = Prisma.sql`e.seq, e.occurred_at, e.actor_id::text, e.actor_email, e.action, e.outcome::text AS outcome, e.denial_reason,
  e.case_id::text, e.conversation_id::text, e.account_ids, e.purpose`;
const READ = Prisma.sql`e.action = 'CONTENT_READ' AND e.outcome = 'ALLOWED'`;

function toEvent(r: Row): LogEvent {
  return {
    seq: r.seq.toString(),
    occurredAt: r.occurred_at,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    action: r.action,
    outcome: r.outcome,
    denialReason: r.denial_reason,
    caseId: r.case_id,
    conversationId: r.conversation_id,
    accountIds: r.account_ids,
    purpose: r.purpose,
  };
}

/**
 * Reads older than `decidedWithinMs`, each with the first CASE_DECIDED on its case at or after
 * it, where that is missing or late. One window function over the window's reads (an
 * index-only scan of access_event_reads_idx) and decisions; full rows only for the late ones.
 */
export async function lateReadCandidates(since: Date, now: Date, decidedWithinMs: number, skipPurposes: readonly string[]): Promise<ReadWithNextDecision[]> {
  const until = new Date(now.getTime() - decidedWithinMs);
  const rows = await getDb().$queryRaw<(Row & { next_decision_at: Date | null })[]>`
    WITH ev AS (
      SELECT e.seq, e.occurred_at, e.case_id, e.purpose, false AS decision FROM access_event e
      WHERE ${READ} AND e.occurred_at >= ${since} AND e.case_id IS NOT NULL
      UNION ALL
      SELECT e.seq, e.occurred_at, e.case_id, NULL, true FROM access_event e
      WHERE e.action = 'CASE_DECIDED' AND e.occurred_at >= ${since} AND e.case_id IS NOT NULL
    ), marked AS (
      -- A running minimum walking backwards in time: each row's frame grows by one, so the
      -- aggregate is incremental (a frame ending at UNBOUNDED FOLLOWING would be quadratic).
      SELECT ev.*, min(CASE WHEN decision THEN occurred_at END)
        OVER (PARTITION BY case_id ORDER BY occurred_at DESC, seq DESC ROWS UNBOUNDED PRECEDING) AS next_decision_at
      FROM ev
    ), late AS (
      SELECT seq, next_decision_at FROM marked
      WHERE NOT decision AND occurred_at < ${until} AND (purpose IS NULL OR NOT purpose = ANY(${[...skipPurposes]}::text[]))
        AND (next_decision_at IS NULL OR next_decision_at > occurred_at + ${decidedWithinMs} * interval '1 millisecond')
      ORDER BY occurred_at DESC LIMIT ${CANDIDATE_CAP}
    )
    SELECT ${COLUMNS}, late.next_decision_at FROM late JOIN access_event e ON e.seq = late.seq
    ORDER BY e.occurred_at DESC`;
  return rows.map((r) => ({ ...toEvent(r), nextDecisionAt: r.next_decision_at }));
}

/** Reads per reader per UTC day since `since`. */
export async function dailyReadCounts(since: Date): Promise<DailyReads[]> {
  // An index-only scan of access_event_reads_idx; the emails are looked up afterwards (a few
  // rows) rather than read from every event. Grouping by ::date, not to_char: 3× faster.
  const rows = await getDb().$queryRaw<{ actor_id: string; day: Date; reads: bigint }[]>`
    SELECT e.actor_id::text, (e.occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS reads
    FROM access_event e
    WHERE ${READ} AND e.occurred_at >= ${since} AND e.actor_id IS NOT NULL
    GROUP BY 1, 2`;
  const ids = [...new Set(rows.map((r) => r.actor_id))];
  const emails = new Map((await getDb().staff.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((s) => [s.id, s.email]));
  return rows.map((r) => ({ actorId: r.actor_id, actorEmail: emails.get(r.actor_id) ?? null, day: r.day.toISOString().slice(0, 10), reads: Number(r.reads) }));
}

/** One reader's reads on one UTC day, newest first (the evidence of a volume spike). */
export async function readsOnDay(actorId: string, day: string, limit: number): Promise<LogEvent[]> {
  const from = new Date(`${day}T00:00:00Z`);
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM access_event e
    WHERE e.actor_id = ${actorId}::uuid AND ${READ} AND e.occurred_at >= ${from} AND e.occurred_at < ${new Date(from.getTime() + 86_400_000)}
    ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${limit}`;
  return rows.map(toEvent);
}

/** Reads since `since` at a UTC time of day outside working hours. */
export async function offHoursReadCandidates(since: Date, hours: WorkingHours): Promise<LogEvent[]> {
  const minute = Prisma.sql`(extract(hour FROM e.occurred_at AT TIME ZONE 'UTC') * 60 + extract(minute FROM e.occurred_at AT TIME ZONE 'UTC'))`;
  const outside =
    hours.start < hours.end ? Prisma.sql`(${minute} < ${hours.start} OR ${minute} >= ${hours.end})` : Prisma.sql`(${minute} < ${hours.start} AND ${minute} >= ${hours.end})`;
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM access_event e
    WHERE ${READ} AND e.occurred_at >= ${since} AND ${outside}
    ORDER BY e.occurred_at DESC LIMIT ${CANDIDATE_CAP}`;
  return rows.map(toEvent);
}

/** The protected accounts, and the conversations each takes part in. */
export async function protectedAccounts(): Promise<ProtectedAccounts & { handles: Map<string, string> }> {
  const rows = await getDb().platformAccount.findMany({
    where: { isProtected: true },
    select: { id: true, handle: true, protectedKind: true, participations: { select: { conversationId: true } } },
  });
  const byConversation = new Map<string, string[]>();
  for (const a of rows) for (const p of a.participations) byConversation.set(p.conversationId, [...(byConversation.get(p.conversationId) ?? []), a.id]);
  return { kinds: new Map(rows.map((a) => [a.id, a.protectedKind ?? "protected"])), byConversation, handles: new Map(rows.map((a) => [a.id, a.handle])) };
}

/** Reads since `since` that name a protected account or read a conversation one takes part in. */
export async function protectedReadCandidates(since: Date, prot: ProtectedAccounts): Promise<LogEvent[]> {
  const ids = [...prot.kinds.keys()];
  if (ids.length === 0) return [];
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT ${COLUMNS} FROM access_event e
    WHERE ${READ} AND e.occurred_at >= ${since}
      AND (e.account_ids && ${ids}::text[] OR e.conversation_id = ANY(${[...prot.byConversation.keys()]}::uuid[]))
    ORDER BY e.occurred_at DESC LIMIT ${CANDIDATE_CAP}`;
  return rows.map(toEvent);
}

/** Denials since `since`, each with the key it is held against (staff id, else the email tried). */
export async function denialCandidates(since: Date): Promise<Denial[]> {
  const rows = await getDb().$queryRaw<(Row & { actor_key: string })[]>`
    SELECT ${COLUMNS}, coalesce(e.actor_id::text, 'email:' || lower(e.details->>'email'), 'unknown') AS actor_key
    FROM access_event e
    WHERE e.outcome = 'DENIED' AND e.occurred_at >= ${since}
    ORDER BY e.occurred_at DESC LIMIT ${CANDIDATE_CAP}`;
  return rows.map((r) => ({ ...toEvent(r), actorKey: r.actor_key }));
}

/** Reads since `since` of accounts that one reader looked up in at least `minCases` cases. */
export async function acrossCasesCandidates(since: Date, minCases: number): Promise<{ reads: LogEvent[]; cases: Map<string, CaseLink> }> {
  const db = getDb();
  // Readers re-read the same case many times: collapse to distinct (reader, case, accounts)
  // before unnesting, which is most of the work.
  const rows = await db.$queryRaw<Row[]>`
    WITH looked AS (
      SELECT DISTINCT e.actor_id, e.case_id, e.account_ids
      FROM access_event e
      WHERE ${READ} AND e.occurred_at >= ${since} AND e.case_id IS NOT NULL AND cardinality(e.account_ids) > 0
    ), pairs AS (
      SELECT l.actor_id, a.account_id
      FROM looked l CROSS JOIN LATERAL unnest(l.account_ids) AS a(account_id)
      GROUP BY 1, 2 HAVING count(DISTINCT l.case_id) >= ${minCases}
    )
    SELECT ${COLUMNS} FROM access_event e
    WHERE ${READ} AND e.occurred_at >= ${since} AND e.case_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM pairs p WHERE p.actor_id = e.actor_id AND p.account_id = ANY(e.account_ids))
    ORDER BY e.occurred_at DESC LIMIT ${CANDIDATE_CAP}`;
  const reads = rows.map(toEvent);
  const caseIds = [...new Set(reads.map((r) => r.caseId!))];
  const cases = await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, conversationId: true, appealOfId: true } });
  return { reads, cases: new Map(cases.map((c) => [c.id, { conversationId: c.conversationId, appealOfId: c.appealOfId }])) };
}
