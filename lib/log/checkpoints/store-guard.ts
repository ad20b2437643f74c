import type { CheckpointDirectory, StoredCheckpoint } from "./checkpoint-directory";
import { type Queryable, toSafeNumber } from "../events/event-rows";

// The checkpoint store is the log's memory outside the database: if it is lost or swapped for
// an empty one while the database holds checkpoints, whoever can rewrite the database could
// rewrite the log and have the sealer sign and file the new history as if it were the only
// one. So the store is created only for a log with no checkpoint yet (first start); a store
// missing or empty under a log with history stops the sealer until an operator restores it.

export class CheckpointStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckpointStoreError";
  }
}

/** The largest tree the database has signed or recorded (0 for a log never sealed), and how many checkpoints it holds. */
async function databaseTree(db: Queryable): Promise<{ size: number; checkpoints: number }> {
  const r = await db.query<{ size: string; checkpoints: string }>(
    `SELECT greatest((SELECT max(tree_size) FROM audit_checkpoint), (SELECT tree_size FROM audit_sealer_state WHERE id = 1), 0)::text AS size,
            (SELECT count(*) FROM audit_checkpoint)::text AS checkpoints`,
  );
  return { size: toSafeNumber(r.rows[0]?.size ?? "0", "tree size"), checkpoints: Number(r.rows[0]?.checkpoints ?? 0) };
}

/**
 * Before sealing: creates the store on first start, refuses one that is gone or empty while
 * the database holds checkpoints. Reads one small file when the store is healthy, and returns
 * the store's `latest`.
 */
export async function guardCheckpointStore(db: Queryable, directory: CheckpointDirectory, knownSize?: number): Promise<StoredCheckpoint | null> {
  const latest = await directory.latest();
  if (latest !== null) return latest;
  // `latest` is missing: only the very first seal, killed between its file and `latest`, leaves
  // a store like that; any other store without `latest` is empty or gone.
  if ((await directory.sizes()).length > 0) return null;
  const tree = await databaseTree(db);
  const size = Math.max(knownSize ?? 0, tree.size);
  if (size === 0) {
    await directory.create();
    return null;
  }
  const exists = await directory.exists();
  // The store made for the first seal, whose file is not written yet (a seal committing just
  // now, or one killed after COMMIT): nothing but that one checkpoint can be missing from it.
  if (exists && tree.checkpoints === 1 && tree.size === size) return null;
  throw new CheckpointStoreError(
    `the checkpoint store ${exists ? "is empty" : "is missing"} but the database holds a tree of ${size} leaves: refusing to start a fresh store under a log with history. ` +
      "Restore the store (every checkpoint file and `latest`) from its backup or bucket; sealing resumes by itself once it is back.",
  );
}
