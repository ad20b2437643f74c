import { createHash } from "node:crypto";
import type { Queryable } from "@/lib/log/events/event-rows";
import { type ExportStats, csvChunks, emptyStats, jsonlChunks } from "./export-lines";
import { type ExportManifest, signManifest } from "@/lib/log/format/export-manifest";
import type { ExportPlan } from "./export-plan";
import type { SigningKey } from "@/lib/log/checkpoints/signing-key";

// An export as a byte stream with backpressure: each pull reads one batch of events and
// enqueues its lines, so a million-event export holds one batch in memory, not the file. The
// bytes are hashed as they go out; when the last one is sent, the signed manifest (count,
// range, SHA-256, checkpoint) is handed to `onComplete` to be stored. A cancelled download
// never gets a manifest.

export interface ExportStreamOptions {
  db: Queryable;
  plan: ExportPlan;
  exportId: string;
  origin: string;
  exportedAt: string;
  signer: Pick<SigningKey, "keyName" | "privateKey">;
  onComplete?: (manifestNote: string, manifest: ExportManifest) => Promise<void>;
}

export function exportStream(opts: ExportStreamOptions): ReadableStream<Uint8Array> {
  const stats: ExportStats = emptyStats();
  const digest = createHash("sha256");
  const encoder = new TextEncoder();
  const chunks =
    opts.plan.request.format === "csv"
      ? csvChunks(opts.db, opts.plan, stats)
      : jsonlChunks(opts.db, opts.plan, { origin: opts.origin, exportedAt: opts.exportedAt }, stats);

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (!next.done) {
          const bytes = encoder.encode(next.value);
          digest.update(bytes);
          controller.enqueue(bytes);
          return;
        }
        const manifest: ExportManifest = {
          origin: opts.origin,
          exportId: opts.exportId,
          exportedAt: opts.exportedAt,
          format: opts.plan.request.format,
          scope: opts.plan.scope,
          filter: (opts.plan.request.filter as ExportManifest["filter"]) ?? null,
          events: stats.events,
          seqs: stats.firstSeq !== null && stats.lastSeq !== null ? [stats.firstSeq, stats.lastSeq] : null,
          leaves: stats.firstLeaf !== null && stats.lastLeaf !== null ? [stats.firstLeaf, stats.lastLeaf] : null,
          checkpoint: opts.plan.anchor ? { size: opts.plan.anchor.size, rootHash: opts.plan.anchor.rootHash.toString("base64") } : null,
          sha256: digest.digest("hex"),
        };
        await opts.onComplete?.(signManifest(manifest, opts.signer), manifest);
        controller.close();
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
