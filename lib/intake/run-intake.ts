import "server-only";
import { getDb, withPgTransaction, type Db, type Tx } from "@/lib/db";
import { prismaSql, type Sql } from "@/lib/db/tagged";
import { ConflictError } from "@/lib/errors";
import { countIntake, type IntakeRoute } from "./counters";
import { claimWebhookId, pruneReplays } from "./replay";

// Each intake request is one transaction: its webhook-id, everything its batch writes, and its
// accepted/duplicate counts commit together or not at all. A batch touches few rows per item
// but encrypts and may scan hundreds of messages on a shared machine, so the transaction gets
// more time than Prisma's 5 s default.
//
// Two kinds of transaction: a Prisma one for the routes that write a handful of rows through
// the generated client (accounts, reports, appeals, uploads), and a plain pg one for messages,
// the route whose throughput is measured (bench:intake): its statements are hand-written SQL
// over arrays, and on pg each costs a round trip and nothing more (no query compilation).

const TX = { maxWait: 15_000, timeout: 60_000 };

export type Tally = { accepted: number; duplicate: number };

/** A Prisma transaction for intake work outside HTTP (the seed, tests): the same options, no webhook-id. */
export function intakeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, TX).catch(rethrowConflict);
}

/** A pg transaction for intake work outside HTTP (the seed, tests): the same timeout, no webhook-id. */
export function sqlIntakeTransaction<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  return withPgTransaction(fn, TX.timeout).catch(rethrowConflict);
}

async function afterCommit() {
  await pruneReplays(getDb()).catch((err: unknown) => console.error("intake: pruning replay ids failed:", err instanceof Error ? err.message : err));
}

export async function runIntake<T>(db: Db, route: IntakeRoute, webhookId: string, fn: (tx: Tx) => Promise<T>, tally: (result: T) => Tally): Promise<T> {
  const result = await intakeTransaction(db, async (tx) => {
    const sql = prismaSql(tx);
    await claimWebhookId(sql, webhookId);
    const out = await fn(tx);
    await countIntake(sql, route, tally(out));
    return out;
  });
  await afterCommit();
  return result;
}

export async function runSqlIntake<T>(route: IntakeRoute, webhookId: string, fn: (sql: Sql) => Promise<T>, tally: (result: T) => Tally): Promise<T> {
  const result = await sqlIntakeTransaction(async (sql) => {
    await claimWebhookId(sql, webhookId);
    const out = await fn(sql);
    await countIntake(sql, route, tally(out));
    return out;
  });
  await afterCommit();
  return result;
}

// Two batches racing on the same new platform id (or a deadlock the database broke) fail one
// of them at commit; that is the caller's cue to retry, not a server error.
const RETRYABLE = new Set(["23505", "40001", "40P01", "P2002", "P2034", "UniqueConstraintViolation", "TransactionWriteConflict"]);

function retryable(err: unknown, depth = 0): boolean {
  if (depth > 4 || typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; kind?: unknown; originalCode?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
  if ([e.code, e.kind, e.originalCode].some((c) => typeof c === "string" && RETRYABLE.has(c))) return true;
  return retryable(e.cause, depth + 1) || retryable(e.meta?.driverAdapterError, depth + 1);
}

function rethrowConflict(err: unknown): never {
  if (retryable(err)) throw new ConflictError("CONCURRENT_CHANGE", "Another request changed the same records at the same time; send this one again.");
  throw err;
}
