import { setTimeout as sleep } from "node:timers/promises";
import type { CheckpointDirectory, StoredCheckpoint } from "../checkpoints/checkpoint-directory";
import { type Queryable, toSafeNumber } from "../events/event-rows";
import { exportEventLine, exportMissingLine } from "../format/export-format";
import { logTexts } from "../events/log-entries";
import { contiguousLineChunks } from "../events/log-line-chunks";
import { type Problem, type VerifierKeys, type VerifyResult, verifyAccessLog } from "./offline-verify";

// The live log checked against the checkpoints kept outside it: every leaf recomputed from its
// event row, every checkpoint in the database and in the checkpoint directory checked for
// signature, agreement (two notes of one size with different roots are a fork) and root. The
// rows are rendered as export lines and go through the offline verifier, so the database and
// an export file are judged by the same code and report the same first bad entry.
//
// Two checks only the live log allows follow. The sealer state must not record more leaves
// than there are (a tail cut away with its checkpoints). And the checkpoint store must hold the
// database's latest checkpoint: a database that vouches for itself, with its store lost or
// swapped for an emptier one, proves nothing. A store truncated along with the database can
// only be caught by a checkpoint kept elsewhere: --trusted-checkpoint, and witnesses.

export interface DatabaseVerifyOptions {
  directory: CheckpointDirectory;
  verifierKey: VerifierKeys;
  origin?: string;
  /** A checkpoint the auditor or operator kept: the log must extend it (be consistent with it, and not behind it). */
  trustedCheckpoint?: string;
  /** How long to wait for a sealer to write the file of a checkpoint it has just committed (default 2 s). */
  storeWriteWaitMs?: number;
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
  // The directory first: a checkpoint file is written only after its seal committed, so every
  // file read here is also in the snapshot below. Read the other way round, a seal landing in
  // between would look like a checkpoint the database lacks — a truncation that is not one.
  const fromDir = await opts.directory.all();
  // Leaves and checkpoints from one statement, hence one snapshot: a seal commits both at once.
  const snapshot = await db.query<{ leaves: string | null; floor: string | null; state_size: string | null; tree_size: string | null; note: string | null }>(
    `SELECT s.leaves, s.floor, s.state_size, c.tree_size::text, c.note
       FROM (SELECT (SELECT max(leaf_index) + 1 FROM audit_leaf)::text AS leaves,
                    (SELECT floor_seq FROM audit_sealer_state WHERE id = 1)::text AS floor,
                    (SELECT tree_size FROM audit_sealer_state WHERE id = 1)::text AS state_size) s
       LEFT JOIN audit_checkpoint c ON true
      ORDER BY c.tree_size`,
  );
  const first = snapshot.rows[0];
  const leaves = first?.leaves ? toSafeNumber(first.leaves, "leaf count") : 0;
  const pending = await db.query<{ n: string }>(
    "SELECT count(*)::text AS n FROM access_event e WHERE e.seq > $1::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)",
    [first?.floor ?? "0"],
  );
  const total = leaves + Number(pending.rows[0]?.n ?? 0);

  const fromDb = snapshot.rows.filter((r) => r.tree_size !== null && r.note !== null).map((r) => ({ size: toSafeNumber(r.tree_size!, "tree size"), note: r.note! }));
  const seen = new Set(fromDb.map((n) => n.note));
  const notes = [...fromDb, ...fromDir.filter((n) => !seen.has(n.note))].sort((a, b) => a.size - b.size);

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
      trustedCheckpoint: opts.trustedCheckpoint,
      unsealed: { maxAgeMs: opts.maxUnsealedAgeMs ?? DEFAULT_MAX_UNSEALED_AGE_MS, asOf },
      maxSealDelayMs: opts.maxSealDelayMs ?? DEFAULT_MAX_SEAL_DELAY_MS,
    },
  );
  opts.onProgress?.(Math.max(done, total), Math.max(done, total));
  const stateSize = first?.state_size ? toSafeNumber(first.state_size, "tree size") : 0;
  const problem = result.ok ? ((stateSize > leaves ? truncatedTail(stateSize, leaves) : null) ?? (await storeProblem(db, opts, fromDb, fromDir))) : null;
  const verdict: VerifyResult = problem && result.ok ? { ok: false, eventsChecked: result.events, ...problem } : result;
  return { ...verdict, checkpointsInDatabase: fromDb.length, checkpointsInDirectory: fromDir.length, leaves };
}

function truncatedTail(stateSize: number, leaves: number): Problem {
  return {
    kind: "missing-events",
    problem: `the sealer state records a tree of ${stateSize} leaves but audit_leaf holds ${leaves}: leaves ${leaves}–${stateSize - 1} were removed`,
    firstBadSeq: null,
    firstBadLeafIndex: leaves,
  };
}

/** The store must hold the database's latest checkpoint; names the first leaf the store no longer vouches for. */
async function storeProblem(db: Queryable, opts: DatabaseVerifyOptions, fromDb: StoredCheckpoint[], fromDir: StoredCheckpoint[]): Promise<Problem | null> {
  const latest = fromDb.at(-1);
  if (!latest) return null;
  const held = (c: StoredCheckpoint) => fromDir.some((f) => f.size === c.size && f.note === c.note);
  if (held(latest)) return null;
  // The store was read before the database: a seal that landed in between has its file written
  // just after its COMMIT, so look again (briefly) before calling the store behind.
  const deadline = Date.now() + (opts.storeWriteWaitMs ?? 2000);
  for (;;) {
    if ((await opts.directory.read(latest.size)) === latest.note) return null;
    if (Date.now() >= deadline) break;
    await sleep(50);
  }
  const vouched = fromDb.filter(held).at(-1)?.size ?? 0;
  const seq = await db.query<{ seq: string }>("SELECT seq::text FROM audit_leaf WHERE leaf_index = $1", [vouched]);
  const holds = fromDir.length === 0 ? "holds no checkpoint" : `holds ${fromDir.length} checkpoint(s), the largest of size ${fromDir.at(-1)!.size}`;
  return {
    kind: "checkpoint-store",
    problem:
      `the checkpoint store does not hold the database's latest checkpoint (size ${latest.size}); it ${holds}. ` +
      `Leaves ${vouched}–${latest.size - 1} are vouched for only by the database itself: the store was lost, replaced or fell behind`,
    firstBadSeq: seq.rows[0]?.seq ?? null,
    firstBadLeafIndex: vouched,
  };
}
