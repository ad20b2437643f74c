import type { Prisma } from "@/lib/generated/prisma/client";
import type { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import { type Queryable, toSafeNumber } from "@/lib/log/events/event-rows";
import type { FrontierJson } from "@/lib/log/merkle/merkle-frontier";
import { TreeReader } from "@/lib/log/merkle/tree-reader";

// What an export will contain, fixed before the first byte is sent: the latest checkpoint at
// that moment (the anchor: sealed events beyond it are left out, so the file is consistent with
// one signed root), the checkpoints to include, and for a range starting past leaf 0 the
// tree's frontier there. Checkpoints come from the database *and* the checkpoint directory, so
// a database that was rewritten, truncated or forked contradicts evidence in the same file
// and the export alone shows it.

export interface ExportRequest {
  format: "jsonl" | "csv";
  /** SQL conditions on access_event `e` (the auditor's filters); none means the whole log, contiguous. */
  conditions: Prisma.Sql[];
  /** The filters as the auditor gave them, recorded in the header and manifest. */
  filter?: Record<string, string>;
  /** Start a contiguous export at this leaf (default 0). */
  fromLeaf?: number;
  /** Include a consistency proof from this earlier tree size (the auditor's trusted checkpoint). */
  consistencyFrom?: number;
}

export interface ExportPlan {
  request: ExportRequest;
  scope: "contiguous" | "filtered";
  anchor: { size: number; rootHash: Buffer; note: string } | null;
  checkpoints: string[];
  frontier: FrontierJson | null;
  consistency: { fromSize: number; toSize: number; proof: Buffer[] } | null;
}

export class ExportRequestError extends Error {}

export async function planExport(db: Queryable, directory: CheckpointDirectory, request: ExportRequest): Promise<ExportPlan> {
  const scope = request.conditions.length > 0 ? "filtered" : "contiguous";
  // The directory before the database: its files were all committed before the query below,
  // so one beyond the database's latest checkpoint means a truncated log, not a seal that
  // landed between the two reads (which would make a healthy export fail verification).
  const onDiskSizes = await directory.sizes();
  const latestOnDisk = await directory.latest();
  const latest = await db.query<{ tree_size: string; root_hash: Buffer; note: string }>(
    "SELECT c.tree_size::text, c.root_hash, c.note FROM audit_checkpoint c ORDER BY c.tree_size DESC LIMIT 1",
  );
  const top = latest.rows[0];
  const anchor = top ? { size: toSafeNumber(top.tree_size, "tree size"), rootHash: top.root_hash, note: top.note } : null;
  const size = anchor?.size ?? 0;
  const fromLeaf = scope === "contiguous" ? (request.fromLeaf ?? 0) : 0;
  if (fromLeaf > size) throw new ExportRequestError(`fromLeaf ${fromLeaf} is beyond the latest checkpoint (size ${size})`);
  const from = request.consistencyFrom;
  if (from !== undefined && from > size) throw new ExportRequestError(`consistencyFrom ${from} is beyond the latest checkpoint (size ${size})`);

  // Contiguous: every checkpoint the recomputed tree passes through. Filtered: the anchor (each
  // event's proof is against it) and the trusted size's checkpoint. Either way, any checkpoint
  // in the directory beyond the anchor, which only a truncated database would fall short of.
  const wanted = (s: number) => (scope === "contiguous" ? s > fromLeaf && s <= size : s === size || s === from);
  const fromDb = await db.query<{ tree_size: string; note: string }>(
    scope === "contiguous"
      ? "SELECT c.tree_size::text, c.note FROM audit_checkpoint c WHERE c.tree_size > $1 AND c.tree_size <= $2 ORDER BY c.tree_size"
      : "SELECT c.tree_size::text, c.note FROM audit_checkpoint c WHERE c.tree_size = $1 OR c.tree_size = $2 ORDER BY c.tree_size",
    scope === "contiguous" ? [String(fromLeaf), String(size)] : [String(size), String(from ?? -1)],
  );
  const notes = fromDb.rows.map((r) => ({ size: toSafeNumber(r.tree_size, "tree size"), note: r.note }));
  const onDisk = onDiskSizes.filter((s) => wanted(s) || s > size);
  const stored: { size: number; note: string | null }[] = [];
  for (let i = 0; i < onDisk.length; i += 64) {
    stored.push(...(await Promise.all(onDisk.slice(i, i + 64).map(async (s) => ({ size: s, note: await directory.read(s) })))));
  }
  const seen = new Set(notes.map((n) => n.note));
  for (const entry of [...stored, latestOnDisk]) {
    if (!entry?.note || !(wanted(entry.size) || entry.size > size) || seen.has(entry.note)) continue;
    seen.add(entry.note);
    notes.push({ size: entry.size, note: entry.note });
  }
  notes.sort((a, b) => a.size - b.size);

  const tree = new TreeReader(db);
  const frontier = scope === "contiguous" && fromLeaf > 0 ? await tree.frontierAt(fromLeaf) : null;
  const consistency = from !== undefined && anchor && from < size ? { fromSize: from, toSize: size, proof: await tree.consistencyProof(from, size) } : null;
  return { request, scope, anchor, checkpoints: notes.map((n) => n.note), frontier, consistency };
}
