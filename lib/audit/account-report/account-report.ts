import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SelectedEventFields } from "@/lib/log/events/event-columns";
import { eventSelect } from "@/lib/log/events/event-rows";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordReportLookup } from "../search/record-search";
import { assertAuditor } from "../search/search-events";
import { timeBounds } from "../search/search-filters";

// The answer to a data-subject access request about DMs: everyone who read a platform
// account's messages, when and why. An access counts when the log names the account among the
// senders of what was revealed, or when it was in a conversation the account takes part in
// (reading the other side of a conversation is still reading the account's DMs).

/** Log actions through which someone saw an account's DMs (or unmasked the account). */
export const ACCESS_ACTIONS = ["CONTENT_READ", "IDENTITY_REVEALED", "EXPORT"] as const;
export const REPORT_ROW_LIMIT = 5000;

export type ReportAccount = { id: string; handle: string; externalId: string | null; dataRegion: string | null; protectedKind: string | null; conversations: number };

const FIELDS = ["seq", "occurredAt", "actorId", "actorEmail", "actorRoles", "action", "purpose", "justification", "caseId", "conversationId", "grantId", "messageIds"] as const;
// The select list, from the one declaration of the event's columns, built once.
const SELECT = Prisma.raw(eventSelect(FIELDS));

/** One access to the account's DMs: the declared event fields, the case's number and how many messages were revealed. */
export type AccessRow = SelectedEventFields<(typeof FIELDS)[number]> & { caseNumber: number | null; messages: number };

/**
 * `messages` adds up what each access revealed (a message re-read counts again); `distinctMessages`
 * counts each message once, which is what "how many of my messages were seen" asks.
 */
export type ReaderSummary = { actorId: string | null; email: string | null; roles: string[]; accesses: number; messages: number; distinctMessages: number; first: Date; last: Date; purposes: string[]; cases: number[] };

/** Totals over every row of the report: accesses, messages revealed, and distinct messages seen. */
export type ReportTotals = { accesses: number; messages: number; distinctMessages: number };

export type AccountReport = { account: ReportAccount; rows: AccessRow[]; total: number; readers: ReaderSummary[]; totals: ReportTotals; truncated: boolean };

type Row = AccessRow & { total: bigint };

export async function loadReportAccount(text: string): Promise<ReportAccount | null> {
  const t = text.trim().replace(/^@/, "");
  const db = getDb();
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t);
  const row = await db.platformAccount.findFirst({
    where: isId ? { id: t.toLowerCase() } : { OR: [{ handle: t }, { externalId: text.trim() }] },
    select: { id: true, handle: true, externalId: true, dataRegion: true, protectedKind: true, isProtected: true, _count: { select: { participations: true } } },
  });
  if (row) return { id: row.id, handle: row.handle, externalId: row.externalId, dataRegion: row.dataRegion, protectedKind: row.isProtected ? (row.protectedKind ?? "protected") : null, conversations: row._count.participations };
  // An account the platform has since deleted may still appear in the log under its id.
  return isId ? { id: t.toLowerCase(), handle: t.toLowerCase(), externalId: null, dataRegion: null, protectedKind: null, conversations: 0 } : null;
}

export type ReportQuery = { account: string; from?: string; to?: string; limit?: number };

/** The report as the auditor's page shows it: the lookup is itself logged as AUDIT_SEARCHED (record-search.ts) before it is returned. */
export async function accountAccessReport(staff: StaffContext, q: ReportQuery, meta?: RequestMeta): Promise<AccountReport | null> {
  const report = await readAccountAccessReport(staff, q);
  await recordReportLookup(staff, { filters: { account: q.account, from: q.from, to: q.to }, accountId: report?.account.id ?? null, returned: report?.rows.length ?? 0, total: report?.total ?? 0 }, meta);
  return report;
}

/** The report without a log entry of its own, for callers that log the access themselves (the CSV export, as AUDIT_EXPORTED). */
export async function readAccountAccessReport(staff: StaffContext, q: ReportQuery): Promise<AccountReport | null> {
  assertAuditor(staff);
  const account = await loadReportAccount(q.account);
  if (!account) return null;
  const db = getDb();
  const convs = (await db.conversationParticipant.findMany({ where: { accountId: account.id }, select: { conversationId: true } })).map((c) => c.conversationId);
  const t = timeBounds(q);
  const time = [
    t.from ? Prisma.sql`AND e.occurred_at >= ${t.from}::timestamptz` : Prisma.empty,
    t.before ? Prisma.sql`AND e.occurred_at < ${t.before}::timestamptz` : Prisma.empty,
    t.toInclusive ? Prisma.sql`AND e.occurred_at <= ${t.toInclusive}::timestamptz` : Prisma.empty,
  ];
  const limit = Math.min(q.limit ?? REPORT_ROW_LIMIT, REPORT_ROW_LIMIT);
  // The GIN index answers the account_ids side, the (conversation_id, …) btree the other.
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${SELECT}, c.number AS "caseNumber", cardinality(e.message_ids) AS messages, count(*) OVER () AS total
    FROM access_event e LEFT JOIN "case" c ON c.id = e.case_id
    WHERE e.action IN (${Prisma.join([...ACCESS_ACTIONS])}) AND e.outcome = 'ALLOWED'
      AND (e.account_ids @> ARRAY[${account.id}]::text[] OR e.conversation_id = ANY(${convs}::uuid[]))
      ${Prisma.join(time, " ")}
    ORDER BY e.occurred_at DESC, e.seq DESC
    LIMIT ${limit}`;
  const accessRows = rows.map((r): AccessRow => {
    const { total, ...row } = r;
    void total;
    return { ...row, messages: Number(r.messages) };
  });
  const total = Number(rows[0]?.total ?? 0);
  return { account, rows: accessRows, total, readers: summariseReaders(accessRows), totals: reportTotals(accessRows), truncated: total > accessRows.length };
}

/** One line per person: how often, when first and last, for which purposes and cases. */
export function summariseReaders(rows: readonly AccessRow[]): ReaderSummary[] {
  const by = new Map<string, ReaderSummary>();
  const seen = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = r.actorId ?? r.actorEmail ?? "unknown";
    const s = by.get(key) ?? { actorId: r.actorId, email: r.actorEmail, roles: r.actorRoles, accesses: 0, messages: 0, distinctMessages: 0, first: r.occurredAt, last: r.occurredAt, purposes: [], cases: [] };
    const ids = seen.get(key) ?? new Set<string>();
    for (const id of r.messageIds) ids.add(id);
    seen.set(key, ids);
    s.accesses++;
    s.messages += r.messages;
    s.distinctMessages = ids.size;
    if (r.occurredAt < s.first) s.first = r.occurredAt;
    if (r.occurredAt > s.last) s.last = r.occurredAt;
    if (r.purpose && !s.purposes.includes(r.purpose)) s.purposes.push(r.purpose);
    if (r.caseNumber !== null && !s.cases.includes(r.caseNumber)) s.cases.push(r.caseNumber);
    by.set(key, s);
  }
  return [...by.values()].sort((a, b) => b.last.getTime() - a.last.getTime());
}

/** The report's totals; a message revealed by several reads, or to several people, counts once in `distinctMessages`. */
export function reportTotals(rows: readonly AccessRow[]): ReportTotals {
  const ids = new Set<string>();
  let messages = 0;
  for (const r of rows) {
    messages += r.messages;
    for (const id of r.messageIds) ids.add(id);
  }
  return { accesses: rows.length, messages, distinctMessages: ids.size };
}
