import "server-only";
import pg from "pg";
import { env } from "@/lib/env";

// A small node-postgres pool for the access-log machinery that Prisma does not fit: bytea
// arrays, bulk reads in keyset batches for exports, and proofs. It connects as the application
// role like Prisma does, so it may read the log and insert into it, nothing more.

const g = globalThis as unknown as { custodyAuditPool?: pg.Pool };

export function auditPool(): pg.Pool {
  if (!g.custodyAuditPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4, application_name: "custody-audit" });
    // An idle connection dropped by the server (a restart, a failover) is replaced on next
    // use; unhandled, the pool's error event would take the whole server down.
    pool.on("error", (error) => console.error(`audit pool: idle connection lost: ${error.message}`));
    g.custodyAuditPool = pool;
  }
  return g.custodyAuditPool;
}

export async function closeAuditPool(): Promise<void> {
  const pool = g.custodyAuditPool;
  g.custodyAuditPool = undefined;
  await pool?.end();
}
