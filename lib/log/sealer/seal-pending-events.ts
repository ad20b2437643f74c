import type pg from "pg";
import { CheckpointDirectory, CheckpointForkError } from "../checkpoints/checkpoint-directory";
import { canonicalEventText } from "../events/event-leaf";
import { EVENT_COLUMNS, type EventRow, eventOfRow, toSafeNumber } from "../events/event-rows";
import { MerkleFrontier } from "../merkle/merkle-frontier";
import { leafHashOfText } from "../merkle/merkle-hash";
import { formatCheckpoint, signNote } from "../checkpoints/signed-note";
import type { SigningKey } from "../checkpoints/signing-key";
import { guardCheckpointStore } from "../checkpoints/store-guard";

// One seal: take the committed, unsealed events in seq order, append their leaves to the
// RFC 6962 tree, sign a checkpoint over the new root, and store leaves, perfect-subtree roots,
// checkpoint and frontier — all in one transaction, so a sealer killed at any point leaves
// either the whole batch or none of it, and the next seal resumes from the committed state.
// The checkpoint file is written after the commit; a crash in between is repaired by
// syncCheckpointDirectory when the next sealer starts. Leaf indices are assigned here, in the
// order events are sealed, so an event whose seq became visible late still gets the next leaf.

/** Perfect subtrees of 2^4 leaves and up are cached; below that, proofs read the leaves. */
export const MIN_CACHED_LEVEL = 4;
const INSERT_CHUNK = 5000;

export interface SealContext {
  signer: SigningKey;
  origin: string;
  directory: CheckpointDirectory;
}

export interface SealOptions {
  maxEvents: number;
  /** Seqs below the floor that were gaps (not yet visible) and should be looked for again. */
  recheck?: readonly string[];
  /** Tests: runs inside the transaction just before COMMIT. */
  beforeCommit?: () => Promise<void>;
}

export interface SealResult {
  sealed: number;
  treeSize: number;
  /** The sealed events' seqs, in leaf order. */
  seqs: string[];
  /** Seqs between the old floor and the highest sealed seq that are not visible (yet). */
  gaps: string[];
  checkpoint: { size: number; rootHash: Buffer; note: string } | null;
}

export class TreeStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TreeStateError";
  }
}

export async function sealPendingEvents(client: pg.ClientBase, ctx: SealContext, opts: SealOptions): Promise<SealResult> {
  await client.query("BEGIN");
  try {
    // The checkpoint file is written once COMMIT returns, so COMMIT must mean durable even
    // where the server runs with synchronous_commit off: a file ahead of the database would
    // read, rightly, as a truncated log.
    await client.query("SET LOCAL synchronous_commit = on");
    // The row lock serialises writers even if two sealers ever ran at once (the advisory lock
    // should prevent it): the second reads the state the first committed, so the tree never forks.
    const state = await client.query<{ tree_size: string; frontier: Buffer[] | null; floor_seq: string }>(
      "SELECT tree_size::text, frontier, floor_seq::text FROM audit_sealer_state WHERE id = 1 FOR UPDATE",
    );
    const row = state.rows[0];
    if (!row) throw new TreeStateError("audit_sealer_state has no row: the migrations were not applied, or it was deleted");
    const frontier = restoreFrontier(toSafeNumber(row.tree_size, "tree size"), row.frontier ?? []);
    await assertTreeMatchesState(client, ctx.directory, frontier.size);

    const events = await client.query<EventRow & { seq: string }>(
      `SELECT * FROM (
         (SELECT ${EVENT_COLUMNS} FROM access_event e
           WHERE e.seq > $1::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)
           ORDER BY e.seq LIMIT $2)
         UNION ALL
         (SELECT ${EVENT_COLUMNS} FROM access_event e
           WHERE e.seq = ANY($3::bigint[]) AND e.seq <= $1::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq))
       ) pending ORDER BY seq::bigint LIMIT $2`,
      [row.floor_seq, opts.maxEvents, opts.recheck ?? []],
    );
    if (events.rows.length === 0) {
      await client.query("ROLLBACK");
      return { sealed: 0, treeSize: frontier.size, seqs: [], gaps: [], checkpoint: null };
    }

    const start = frontier.size;
    const seqs: string[] = [];
    const hashes: Buffer[] = [];
    const subtrees: { level: number; index: number; hash: Buffer }[] = [];
    for (const event of events.rows) {
      const leaf = leafHashOfText(canonicalEventText(eventOfRow(event)));
      seqs.push(event.seq);
      hashes.push(leaf);
      frontier.append(leaf, (level, index, hash) => {
        if (level >= MIN_CACHED_LEVEL) subtrees.push({ level, index, hash: Buffer.from(hash) });
      });
    }
    for (let i = 0; i < seqs.length; i += INSERT_CHUNK) {
      const indices = seqs.slice(i, i + INSERT_CHUNK).map((_, k) => String(start + i + k));
      await client.query("INSERT INTO audit_leaf (leaf_index, seq, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bytea[])", [
        indices,
        seqs.slice(i, i + INSERT_CHUNK),
        hashes.slice(i, i + INSERT_CHUNK),
      ]);
    }
    if (subtrees.length > 0) {
      await client.query("INSERT INTO audit_subtree (level, idx, hash) SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])", [
        subtrees.map((s) => s.level),
        subtrees.map((s) => String(s.index)),
        subtrees.map((s) => s.hash),
      ]);
    }

    const size = frontier.size;
    const rootHash = frontier.root();
    const note = signNote(formatCheckpoint({ origin: ctx.origin, size, rootHash }), { name: ctx.signer.keyName, privateKey: ctx.signer.privateKey });
    const onDisk = await ctx.directory.read(size);
    if (onDisk !== null && onDisk !== note) {
      throw new CheckpointForkError(size, `the checkpoint directory already holds a different checkpoint of size ${size}: refusing to fork the log`);
    }
    await client.query("INSERT INTO audit_checkpoint (tree_size, root_hash, note, created_at) VALUES ($1, $2, $3, clock_timestamp())", [String(size), rootHash, note]);

    // The floor rises to the highest seq sealed from above it; seqs skipped on the way (not yet
    // committed, or rolled back) are returned as gaps for the caller to keep looking for.
    const floor = BigInt(row.floor_seq);
    const top = seqs.reduce((max, s) => (BigInt(s) > max ? BigInt(s) : max), floor);
    const gaps =
      top > floor
        ? (
            await client.query<{ seq: string }>(
              "SELECT g::text AS seq FROM generate_series($1::bigint + 1, $2::bigint) g WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = g)",
              [String(floor), String(top)],
            )
          ).rows.map((r) => r.seq)
        : [];
    await client.query("UPDATE audit_sealer_state SET tree_size = $1, frontier = $2::bytea[], floor_seq = $3, updated_at = clock_timestamp() WHERE id = 1", [
      String(size),
      frontier.hashes.map((h) => Buffer.from(h)),
      String(top),
    ]);
    await opts.beforeCommit?.();
    await client.query("COMMIT");
    await ctx.directory.write(size, note);
    return { sealed: seqs.length, treeSize: size, seqs, gaps, checkpoint: { size, rootHash, note } };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

function restoreFrontier(size: number, hashes: Buffer[]): MerkleFrontier {
  try {
    return MerkleFrontier.fromJSON({ size, hashes: hashes.map((h) => h.toString("base64")) });
  } catch (error) {
    throw new TreeStateError(`the sealer state is corrupt: ${(error as Error).message}`);
  }
}

/**
 * Refuses to extend a tree whose stored state disagrees with its leaves or with the checkpoints
 * kept outside the database: sealing on top of a truncated or rewritten log would sign over the
 * damage (and fork the log), or file a new history in a fresh store. Two index probes and one
 * small file read per seal on a healthy store.
 */
async function assertTreeMatchesState(client: pg.ClientBase, directory: CheckpointDirectory, size: number) {
  const last = await client.query<{ n: string | null }>("SELECT max(leaf_index)::text AS n FROM audit_leaf");
  const leaves = last.rows[0]?.n === null || last.rows[0]?.n === undefined ? 0 : Number(last.rows[0].n) + 1;
  if (leaves !== size) throw new TreeStateError(`the sealer state says ${size} leaves but audit_leaf holds ${leaves}: refusing to seal`);
  const latest = await guardCheckpointStore(client, directory, size);
  if (latest && latest.size > size) {
    throw new TreeStateError(
      `the checkpoint store holds a checkpoint of size ${latest.size} but the database tree has ${size} leaves: ` +
        "the log was truncated, or this directory belongs to another database. Refusing to seal.",
    );
  }
}
