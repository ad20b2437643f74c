import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pgSql, type Sql } from "./db/tagged";

// One Prisma client per process. It connects as the application role, which may only
// INSERT and SELECT on the access log.
// The content route's hot path talks to the same pool directly (lib/access/read-queries.ts):
// one pool, one set of connections, one application role.
const globalForDb = globalThis as unknown as { custodyDb?: PrismaClient; custodyPool?: pg.Pool };

export function getPool(): pg.Pool {
  if (!globalForDb.custodyPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 20 });
    // An idle connection the database drops (restart, failover) emits 'error' on the pool;
    // unhandled, that would crash the server. The pool replaces the connection on next use.
    pool.on("error", (err) => console.error("idle database connection lost:", err.message));
    globalForDb.custodyPool = pool;
  }
  return globalForDb.custodyPool;
}

export function getDb(): PrismaClient {
  globalForDb.custodyDb ??= new PrismaClient({ adapter: new PrismaPg(getPool()) });
  return globalForDb.custodyDb;
}

/** Runs `fn` with one pooled connection to itself (each statement its own transaction). */
export async function withPgClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool().connect();
  try {
    return await fn(client);
  } finally {
    client.release();
  }
}

/**
 * Runs `fn` as one transaction on a pooled pg connection: committed if it returns, rolled back
 * if it throws. `timeoutMs` bounds every statement (as Prisma's transaction timeout bounds the
 * whole): a batch stuck behind a lock fails instead of holding its connection.
 */
export async function withPgTransaction<T>(fn: (sql: Sql) => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const client = await getPool().connect();
  let broken: Error | undefined;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    const out = await fn(pgSql(client));
    await client.query("COMMIT");
    return out;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: unknown) => (broken = e instanceof Error ? e : new Error(String(e))));
    throw err;
  } finally {
    // A connection whose rollback failed is in an unknown state: the pool discards it.
    client.release(broken);
  }
}

export async function disconnectDb() {
  await globalForDb.custodyDb?.$disconnect();
  await globalForDb.custodyPool?.end();
  globalForDb.custodyDb = undefined;
  globalForDb.custodyPool = undefined;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
