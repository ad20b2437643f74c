import "server-only";
import type { Db } from "@/lib/db";
import type { Sql } from "@/lib/db/tagged";

// Intake outcomes per route for metrics: accepted and duplicate count items (accounts,
// messages, reports, appeals, uploads), refused counts refused requests. Accepted and duplicate
// are written inside the batch's transaction, so they count exactly what committed; refused
// is written after the refusal, in its own statement. Rows are sharded by database connection
// so concurrent batches never queue behind one counter row until they commit.

export const INTAKE_ROUTES = ["accounts", "messages", "uploads", "reports", "appeals"] as const;
export type IntakeRoute = (typeof INTAKE_ROUTES)[number];
export type IntakeOutcome = "accepted" | "duplicate" | "refused";

const SHARDS = 16;

const OUTCOMES: readonly IntakeOutcome[] = ["accepted", "duplicate", "refused"];

export async function countIntake(sql: Sql, route: IntakeRoute, counts: Partial<Record<IntakeOutcome, number>>): Promise<void> {
  // Only the three outcomes: a caller may hand over a whole result (the messages route's also
  // carries `flagged` and the items), and any other key would break the table's CHECK.
  const entries = OUTCOMES.flatMap((o): [IntakeOutcome, number][] => (counts[o] && counts[o] > 0 ? [[o, counts[o]]] : []));
  if (entries.length === 0) return;
  await sql`
    INSERT INTO intake_counter (route, outcome, shard, count, updated_at)
    SELECT ${route}, o, pg_backend_pid() % ${SHARDS}, n, now()
    FROM unnest(${entries.map(([o]) => o)}::text[], ${entries.map(([, n]) => n)}::bigint[]) AS t(o, n)
    ON CONFLICT (route, outcome, shard) DO UPDATE SET count = intake_counter.count + excluded.count, updated_at = excluded.updated_at`;
}

/** Totals per route and outcome (zeros included), for a metrics endpoint. */
export async function readIntakeCounters(db: Db): Promise<Record<IntakeRoute, Record<IntakeOutcome, number>>> {
  const rows = await db.$queryRaw<{ route: string; outcome: string; total: bigint }[]>`
    SELECT route, outcome, sum(count)::bigint AS total FROM intake_counter GROUP BY route, outcome`;
  const out = Object.fromEntries(INTAKE_ROUTES.map((r) => [r, { accepted: 0, duplicate: 0, refused: 0 }])) as Record<IntakeRoute, Record<IntakeOutcome, number>>;
  for (const r of rows) {
    const route = out[r.route as IntakeRoute];
    if (route && (r.outcome === "accepted" || r.outcome === "duplicate" || r.outcome === "refused")) route[r.outcome] = Number(r.total);
  }
  return out;
}
