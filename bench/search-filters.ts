import type pg from "pg";
import { ACTIONS } from "@/lib/log/events/actions";
import { PURPOSES } from "../lib/policy/purposes";

// The filters bench/search.ts measures, each with values drawn from the seeded data so that a
// p95 covers busy and quiet readers, common and rare actions, and days across the whole range
// rather than one value the database has cached.

export type FilterPlan = { name: string; queries: string[] };

const q = (o: Record<string, string>) => new URLSearchParams(o).toString();
const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function filterPlans(db: pg.Pool, runs: number): Promise<FilterPlan[]> {
  const staff = (await db.query<{ email: string }>(`SELECT email FROM staff WHERE roles && '{REVIEWER,LEAD,LEGAL}'::"StaffRole"[] ORDER BY email`)).rows.map((r) => r.email);
  const cases = (
    await db.query<{ number: number; conversation_id: string }>(`SELECT number, conversation_id::text FROM "case" ORDER BY hashint4(number) LIMIT $1`, [runs])
  ).rows;
  const handles = (
    await db.query<{ handle: string }>(
      `SELECT DISTINCT a.handle FROM platform_account a JOIN conversation_participant p ON p.account_id = a.id JOIN "case" c ON c.conversation_id = p.conversation_id ORDER BY a.handle LIMIT $1`,
      [runs],
    )
  ).rows.map((r) => r.handle);
  const range = (await db.query<{ lo: Date; hi: Date }>("SELECT min(occurred_at) AS lo, max(occurred_at) AS hi FROM access_event")).rows[0]!;
  const lo = range.lo.getTime();
  const span = range.hi.getTime() - lo;
  const days = Array.from({ length: runs }, (_, i) => day(lo + ((i * 7919) % runs) * (span / runs)));
  const weeks = days.map((d) => ({ from: d, to: day(Date.parse(d) + 6 * 86_400_000) }));
  const spread = <T>(xs: readonly T[]) => Array.from({ length: runs }, (_, i) => xs[(i * 7) % xs.length]!);

  return [
    { name: "no filter (newest events)", queries: [""] },
    { name: "actor (email)", queries: spread(staff).map((actor) => q({ actor })) },
    { name: "actor role", queries: spread(["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"]).map((role) => q({ role })) },
    { name: "action (each of the log's actions)", queries: spread(ACTIONS).map((action) => q({ action })) },
    { name: "outcome", queries: spread(["ALLOWED", "DENIED", "FAILED"]).map((outcome) => q({ outcome })) },
    { name: "purpose", queries: spread(PURPOSES).map((purpose) => q({ purpose })) },
    { name: "case (#number)", queries: cases.map((c) => q({ case: `#${c.number}` })) },
    { name: "conversation", queries: cases.map((c) => q({ conversation: c.conversation_id })) },
    { name: "platform account (@handle)", queries: spread(handles).map((h) => q({ account: `@${h}` })) },
    { name: "date range: one day", queries: days.map((d) => q({ from: d, to: d })) },
    { name: "date range: one week", queries: weeks.map((w) => q(w)) },
    { name: "justification text", queries: spread(["threat", "appeal", "imminent risk", "named accounts", "(case 17)", "flagged message", "nothing like this"]).map((t) => q({ q: t })) },
    { name: "actor + one week", queries: weeks.map((w, i) => q({ actor: staff[i % staff.length]!, ...w })) },
    { name: "actor + reads + allowed", queries: spread(staff).map((actor) => q({ actor, action: "CONTENT_READ", outcome: "ALLOWED" })) },
    { name: "account + one week", queries: weeks.map((w, i) => q({ account: `@${handles[i % handles.length]!}`, ...w })) },
  ];
}
