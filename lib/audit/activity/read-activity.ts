import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { PURPOSES, type Purpose } from "@/lib/policy/purposes";
import { assertAuditor } from "../search/search-events";
import { type DayCounts, daysBetween, fillDays } from "./chart-scale";

// Who read how much, and for what, over a window of days: the numbers behind the activity
// charts. Reads are CONTENT_READ events that were allowed (denied attempts revealed nothing).
// Both queries are index-only scans of access_event_reads_idx (migration ..._audit_read_index).

export type ReaderTotal = { actorId: string; email: string; reads: number; cases: number };

export type ReadActivity = {
  days: DayCounts<Purpose>[];
  topReaders: ReaderTotal[];
  totalReads: number;
  readers: number;
  from: string;
  to: string;
};

export async function readActivity(staff: StaffContext, opts: { days: number; now?: Date; top?: number }): Promise<ReadActivity> {
  assertAuditor(staff);
  const now = opts.now ?? new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (opts.days - 1)));
  const db = getDb();
  const [perDay, perReader] = await Promise.all([
    db.$queryRaw<{ day: Date; purpose: string | null; reads: bigint }[]>`
      SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, purpose, count(*) AS reads
      FROM access_event
      WHERE action = 'CONTENT_READ' AND outcome = 'ALLOWED' AND occurred_at >= ${start}
      GROUP BY 1, 2`,
    db.$queryRaw<{ actor_id: string; reads: bigint; cases: bigint; readers: bigint }[]>`
      SELECT actor_id::text, count(*) AS reads, count(DISTINCT case_id) AS cases, count(*) OVER () AS readers
      FROM access_event
      WHERE action = 'CONTENT_READ' AND outcome = 'ALLOWED' AND occurred_at >= ${start} AND actor_id IS NOT NULL
      GROUP BY actor_id
      ORDER BY reads DESC, actor_id
      LIMIT ${opts.top ?? 10}`,
  ]);
  const emails = new Map((await db.staff.findMany({ where: { id: { in: perReader.map((r) => r.actor_id) } }, select: { id: true, email: true } })).map((s) => [s.id, s.email]));
  const rows = perDay.map((r) => ({ day: r.day.toISOString().slice(0, 10), key: r.purpose ?? "", count: Number(r.reads) }));
  const days = fillDays(rows, daysBetween(start, now), PURPOSES);
  return {
    days,
    topReaders: perReader.map((r) => ({ actorId: r.actor_id, email: emails.get(r.actor_id) ?? r.actor_id, reads: Number(r.reads), cases: Number(r.cases) })),
    totalReads: days.reduce((n, d) => n + d.total, 0),
    readers: Number(perReader[0]?.readers ?? 0),
    from: days[0]?.day ?? "",
    to: days.at(-1)?.day ?? "",
  };
}
