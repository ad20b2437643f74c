import "server-only";
import type { Db, Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { countIntake, type IntakeRoute } from "./counters";
import { claimWebhookId, pruneReplays } from "./replay";

// Each intake request is one transaction: its webhook-id, everything its batch writes, and its
// accepted/duplicate counts commit together or not at all. A batch touches few rows per item
// but encrypts and may scan hundreds of messages on a shared machine, so the transaction gets
// more time than Prisma's 5 s default.

const TX = { maxWait: 15_000, timeout: 60_000 };

export type Tally = { accepted: number; duplicate: number };

/** A transaction for intake work outside HTTP (the seed, tests): the same options, no webhook-id. */
export function intakeTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, TX).catch(rethrowConflict);
}

export async function runIntake<T>(db: Db, route: IntakeRoute, webhookId: string, fn: (tx: Tx) => Promise<T>, tally: (result: T) => Tally): Promise<T> {
  const result = await intakeTransaction(db, async (tx) => {
    await claimWebhookId(tx, webhookId);
    const out = await fn(tx);
    await countIntake(tx, route, tally(out));
    return out;
  });
  await pruneReplays(db).catch((err: unknown) => console.error("intake: pruning replay ids failed:", err instanceof Error ? err.message : err));
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
