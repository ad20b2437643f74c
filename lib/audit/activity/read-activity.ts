import "server-only";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import { PURPOSES, type Purpose } from "@/lib/policy/purposes";
import { assertAuditor } from "../search-events";
import { type DayCounts, daysBetween, fillDays } from "./chart-scale";

// Who read how much, and for what, over a window of days: the numbers behind the activity
// charts. Reads are CONTENT_READ events that were allowed (denied attempts revealed nothing).
// Both queries are range scans of the (action, occurred_at, seq) index.

export type ReaderTotal = { actorId: string; email: string; reads: number; cases: number; messages: number };

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
    db.$queryRaw<{ day: string; purpose: string | null; reads: bigint }[]>`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, purpose, count(*) AS reads
      FROM access_event
      WHERE action = 'CONTENT_READ' AND outcome = 'ALLOWED' AND occurred_at >= ${start}
      GROUP BY 1, 2`,
    db.$queryRaw<{ actor_id: string; email: string | null; reads: bigint; cases: bigint; messages: bigint; readers: bigint }[]>`
      SELECT actor_id::text, max(actor_email) AS email, count(*) AS reads, count(DISTINCT case_id) AS cases,
        sum(cardinality(message_ids)) AS messages, count(*) OVER () AS readers
      FROM access_event
      WHERE action = 'CONTENT_READ' AND outcome = 'ALLOWED' AND occurred_at >= ${start} AND actor_id IS NOT NULL
      GROUP BY actor_id
      ORDER BY reads DESC, email
      LIMIT ${opts.top ?? 10}`,
  ]);
  const rows = perDay.map((r) => ({ day: r.day, key: r.purpose ?? "", count: Number(r.reads) }));
  const days = fillDays(rows, daysBetween(start, now), PURPOSES);
  return {
    days,
    topReaders: perReader.map((r) => ({ actorId: r.actor_id, email: r.email ?? r.actor_id, reads: Number(r.reads), cases: Number(r.cases), messages: Number(r.messages) })),
    totalReads: days.reduce((n, d) => n + d.total, 0),
    readers: Number(perReader[0]?.readers ?? 0),
    from: days[0]?.day ?? "",
    to: days.at(-1)?.day ?? "",
  };
}
