import type { CheckpointDirectory } from "./checkpoint-directory";
import { type Queryable, toSafeNumber } from "../events/event-rows";

// The checkpoint store as readiness sees it: there, writable, and holding the database's latest
// checkpoint. A checkpoint committed in the last few seconds may not have its file yet (the
// sealer writes it just after COMMIT), so the newest one older than `graceSeconds` is the one
// the store must hold. Reports no paths: the answer goes to whoever asks /api/ready.

export interface StoreStatus {
  present: boolean;
  writable: boolean;
  /** Null when the database could not be asked. */
  holdsLatest: boolean | null;
  problem?: string;
}

export async function checkpointStoreStatus(db: Queryable, directory: CheckpointDirectory, opts: { graceSeconds?: number } = {}): Promise<StoreStatus> {
  const present = await directory.exists();
  const writable = present && (await directory.writable());
  const r = await db.query<{ tree_size: string | null; note: string | null; any: boolean }>(
    `SELECT c.tree_size::text, c.note, EXISTS (SELECT 1 FROM audit_checkpoint) AS any
       FROM (SELECT 1) one LEFT JOIN LATERAL (
         SELECT tree_size, note FROM audit_checkpoint WHERE created_at < clock_timestamp() - make_interval(secs => $1) ORDER BY tree_size DESC LIMIT 1
       ) c ON true`,
    [opts.graceSeconds ?? 10],
  );
  const row = r.rows[0];
  const latest = row?.tree_size && row.note ? { size: toSafeNumber(row.tree_size, "tree size"), note: row.note } : null;
  // A missing store holds nothing, however young the database's checkpoints are.
  const holdsLatest = !present ? !row?.any : !latest || (await directory.read(latest.size)) === latest.note;
  const problem = !present
    ? "the checkpoint store is missing"
    : !writable
      ? "the checkpoint store cannot be written to"
      : !holdsLatest
        ? `the checkpoint store does not hold the database's latest checkpoint (size ${latest?.size})`
        : undefined;
  return { present, writable, holdsLatest, ...(problem ? { problem } : {}) };
}
