import "server-only";
import type { Db } from "@/lib/db";
import type { Sql } from "@/lib/db/tagged";
import { ConflictError } from "@/lib/errors";
import { REPLAY_KEEP_SECONDS } from "./limits";

// A signed request may be played once. Its webhook-id is recorded in the same transaction as
// the batch it carried, so a refused or failed request consumes nothing (the platform may
// retry it as it is), and two copies racing each other meet at the primary key: the second
// waits for the first to commit and is then refused. The table keeps ids only while their
// timestamps could still pass the tolerance; older replays are refused by the timestamp.

export async function claimWebhookId(sql: Sql, webhookId: string): Promise<void> {
  const claimed = await sql`INSERT INTO intake_replay (webhook_id) VALUES (${webhookId}) ON CONFLICT (webhook_id) DO NOTHING RETURNING 1 AS claimed`;
  if (claimed.length === 0) throw new ConflictError("REPLAYED", "This webhook-id was already accepted; each request is signed afresh with a new webhook-id.");
}

/** Whether an id received at `receivedAt` may be forgotten at `now` (a replay of it is stale by then). */
export function replayExpired(receivedAt: Date, now: Date): boolean {
  return now.getTime() - receivedAt.getTime() > REPLAY_KEEP_SECONDS * 1000;
}

let lastPrune = 0;

/** Forgets ids no replay could use any more; at most once a minute per process. */
export async function pruneReplays(db: Db, now = new Date()): Promise<number> {
  if (now.getTime() - lastPrune < 60_000) return 0;
  lastPrune = now.getTime();
  const cutoff = new Date(now.getTime() - REPLAY_KEEP_SECONDS * 1000);
  return db.$executeRaw`DELETE FROM intake_replay WHERE received_at < ${cutoff}`;
}
