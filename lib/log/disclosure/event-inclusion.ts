import { EVENT_COLUMNS, type EventRow, type Queryable, eventOfRow, toSafeNumber } from "../events/event-rows";
import { canonicalEventText } from "../events/event-leaf";
import { TreeReader } from "../merkle/tree-reader";
import type { InclusionProofFile } from "./package-format";

// The inclusion proof of one sealed event against the first signed checkpoint that covers it,
// with the event's canonical JSON, for a disclosure package (ADR 028). Null while the event is
// not sealed into a checkpoint yet.

export async function eventInclusion(db: Queryable, seq: bigint): Promise<InclusionProofFile | null> {
  const leaf = await db.query<{ leaf_index: string }>("SELECT leaf_index::text FROM audit_leaf WHERE seq = $1::bigint", [seq.toString()]);
  const leafIndex = leaf.rows[0] ? toSafeNumber(leaf.rows[0].leaf_index, "leaf index") : null;
  if (leafIndex === null) return null;
  const cp = await db.query<{ tree_size: string; note: string }>("SELECT tree_size::text, note FROM audit_checkpoint WHERE tree_size > $1::bigint ORDER BY tree_size LIMIT 1", [leafIndex]);
  const checkpoint = cp.rows[0];
  if (!checkpoint) return null;
  const treeSize = toSafeNumber(checkpoint.tree_size, "tree size");
  const ev = await db.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM access_event e WHERE e.seq = $1::bigint`, [seq.toString()]);
  if (!ev.rows[0]) throw new Error(`event ${seq} is sealed but its row is gone`);
  const [proof] = await new TreeReader(db).inclusionProofs([leafIndex], treeSize);
  return {
    type: "custody-inclusion-proof",
    version: 1,
    seq: seq.toString(),
    leafIndex,
    treeSize,
    event: canonicalEventText(eventOfRow(ev.rows[0])),
    proof: proof!.map((h) => h.toString("base64")),
    checkpoint: checkpoint.note,
  };
}

/** Polls until the event is sealed under a checkpoint, running `seal` between tries; null on timeout. */
export async function waitForInclusion(db: Queryable, seq: bigint, opts: { seal?: () => Promise<void>; timeoutMs?: number } = {}): Promise<InclusionProofFile | null> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const found = await eventInclusion(db, seq);
    if (found || Date.now() > deadline) return found;
    await (opts.seal?.() ?? new Promise((resolve) => setTimeout(resolve, 200)));
  }
}
