import type { CheckpointDirectory } from "./checkpoint-directory";
import { type Queryable, toSafeNumber } from "./event-rows";
import { exportEventLine, exportMissingLine } from "./export-format";
import { logTexts } from "./log-entries";
import { contiguousLineChunks } from "./log-line-chunks";
import { type VerifyResult, verifyAccessLog } from "./offline-verify";

// The live log checked against the checkpoints kept outside it: every leaf recomputed from its
// event row, every checkpoint in the database and in the checkpoint directory checked for
// signature, agreement (two notes of one size with different roots are a fork) and root. The
// rows are rendered as export lines and go through the offline verifier, so the database and
// an export file are judged by the same code and report the same first bad entry.

export interface DatabaseVerifyOptions {
  directory: CheckpointDirectory;
  verifierKey: string;
  origin?: string;
  /** An unsealed event older than this fails verification (default 5 minutes). */
  maxUnsealedAgeMs?: number;
  /** A leaf that occurred this much before an earlier leaf fails (a backdated insert; default 5 minutes). */
  maxSealDelayMs?: number;
  onProgress?: (done: number, total: number) => void;
}

export type DatabaseVerifyResult = VerifyResult & { checkpointsInDatabase: number; checkpointsInDirectory: number; leaves: number };

export const DEFAULT_MAX_UNSEALED_AGE_MS = 5 * 60_000;
export const DEFAULT_MAX_SEAL_DELAY_MS = 5 * 60_000;

export async function verifyDatabaseLog(db: Queryable, opts: DatabaseVerifyOptions): Promise<DatabaseVerifyResult> {
  const asOf = new Date();
  const counts = await db.query<{ leaves: string | null; floor: string | null }>(
    "SELECT (SELECT max(leaf_index) + 1 FROM audit_leaf)::text AS leaves, (SELECT floor_seq FROM audit_sealer_state WHERE id = 1)::text AS floor",
  );
  const leaves = counts.rows[0]?.leaves ? toSafeNumber(counts.rows[0].leaves, "leaf count") : 0;
  const pending = await db.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM access_event e WHERE e.seq > $1::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)",
    [counts.rows[0]?.floor ?? "0"],
  );
  const total = leaves + Number(pending.rows[0]?.n ?? 0);

  const fromDb = await db.query<{ tree_size: string; note: string }>("SELECT c.tree_size::text, c.note FROM audit_checkpoint c ORDER BY c.tree_size");
  const fromDir = await opts.directory.all();
  const notes = fromDb.rows.map((r) => ({ size: toSafeNumber(r.tree_size, "tree size"), note: r.note }));
  for (const stored of fromDir) if (!notes.some((n) => n.size === stored.size && n.note === stored.note)) notes.push(stored);
  notes.sort((a, b) => a.size - b.size);

  let done = 0;
  async function* lines(): AsyncGenerator<string[]> {
    for await (const chunk of contiguousLineChunks(db, 0, leaves)) {
      yield chunk.text.split("\n").slice(0, -1);
      done += chunk.events;
      opts.onProgress?.(Math.min(done, total), Math.max(done, total));
    }
    for await (const batch of logTexts(db, { fromLeaf: leaves, toLeaf: leaves, includeUnsealed: true })) {
      yield batch.map((e) => {
        if (e.leafIndex === null) return exportEventLine({ canonicalText: e.text }, { leafIndex: null });
        if (e.text === null) return exportMissingLine({ leafIndex: e.leafIndex, leafHash: e.leafHash, seq: e.seq });
        return exportEventLine({ canonicalText: e.text }, { leafIndex: e.leafIndex, leafHash: e.leafHash });
      });
      done += batch.length;
      opts.onProgress?.(Math.min(done, total), Math.max(done, total));
    }
  }

  const result = await verifyAccessLog(
    { scope: "contiguous", events: lines(), checkpoints: notes.map((n) => n.note) },
    {
      verifierKey: opts.verifierKey,
      origin: opts.origin,
      unsealed: { maxAgeMs: opts.maxUnsealedAgeMs ?? DEFAULT_MAX_UNSEALED_AGE_MS, asOf },
      maxSealDelayMs: opts.maxSealDelayMs ?? DEFAULT_MAX_SEAL_DELAY_MS,
    },
  );
  opts.onProgress?.(Math.max(done, total), Math.max(done, total));
  return { ...result, checkpointsInDatabase: fromDb.rows.length, checkpointsInDirectory: fromDir.length, leaves };
}
