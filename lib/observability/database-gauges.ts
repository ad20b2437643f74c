import "server-only";
import { getDb, getPool } from "@/lib/db";
import { JOB_SCHEMA } from "@/lib/db/job-queue-schema";
import { readIntakeCounters } from "@/lib/intake/counters";
import { sealerLag } from "@/lib/log/sealer/sealer-lag";
import type { DatabaseGauges } from "./metrics";

// The queries behind the database gauges (lib/observability/metrics.ts), each one statement on
// the application's pool, run when Prometheus scrapes.

export const databaseGauges: DatabaseGauges = {
  sealerLag: () => sealerLag(getPool()),
  async outbox() {
    const r = await getPool().query<{ status: string; n: number; oldest: number | null; failed: number }>(
      `SELECT status::text, count(*)::int AS n,
              extract(epoch FROM clock_timestamp() - min(created_at) FILTER (WHERE delivered_at IS NULL))::float8 AS oldest,
              coalesce(sum(attempts) FILTER (WHERE delivered_at IS NULL AND attempts > 0), 0)::int AS failed
         FROM outbound_delivery GROUP BY status`,
    );
    const byStatus: Record<string, number> = { QUEUED: 0, FAILING: 0, DELIVERED: 0, GIVEN_UP: 0 };
    let oldest = 0;
    let failed = 0;
    for (const row of r.rows) {
      byStatus[row.status] = row.n;
      oldest = Math.max(oldest, row.oldest ?? 0);
      failed += row.failed;
    }
    return { byStatus, oldestUndeliveredSeconds: Math.floor(oldest), failedAttempts: failed };
  },
  async jobQueue() {
    const r = await getPool().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${JOB_SCHEMA}._private_jobs WHERE locked_at IS NULL`);
    return r.rows[0]?.n ?? 0;
  },
  intake: () => readIntakeCounters(getDb()),
};
