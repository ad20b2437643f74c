import "server-only";
import type pg from "pg";
import { getPool } from "@/lib/db";

// The access-log machinery reads through node-postgres rather than Prisma where Prisma does
// not fit (bytea arrays, keyset batches for exports, proofs). It shares the application's one
// pool (lib/db.ts): one set of connections, one application role, which may read the log and
// insert into it, nothing more.

export function auditPool(): pg.Pool {
  return getPool();
}
