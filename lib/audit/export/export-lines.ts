import { type CsvValue, csvRows } from "./csv-rows";
import type { Queryable } from "@/lib/log/events/event-rows";
import {
  exportCheckpointLine,
  exportConsistencyLine,
  exportEventLine,
  exportFrontierLine,
  exportHeaderLine,
  exportMissingLine,
} from "@/lib/log/format/export-format";
import type { ExportPlan } from "./export-plan";
import { type LogEntry, type LogRange, type LogText, logEntries, logTexts } from "@/lib/log/events/log-entries";
import { contiguousLineChunks } from "@/lib/log/events/log-line-chunks";
import { TreeReader } from "@/lib/log/merkle/tree-reader";

// The bytes of an export, produced as text chunks (one per batch of events) so the caller can
// stream them with backpressure. JSONL is the verifiable format of export-format.ts; CSV is the
// same entries for spreadsheets, which the signed manifest then vouches for by hash.

export interface ExportStats {
  events: number;
  firstSeq: string | null;
  lastSeq: string | null;
  firstLeaf: number | null;
  lastLeaf: number | null;
}

export function emptyStats(): ExportStats {
  return { events: 0, firstSeq: null, lastSeq: null, firstLeaf: null, lastLeaf: null };
}

function count(stats: ExportStats, entries: readonly (LogEntry | LogText)[]) {
  for (const e of entries) {
    stats.events++;
    stats.firstSeq ??= e.seq;
    stats.lastSeq = e.seq;
    if (e.leafIndex !== null) {
      stats.firstLeaf ??= e.leafIndex;
      stats.lastLeaf = e.leafIndex;
    }
  }
}

function rangeOf(plan: ExportPlan): LogRange {
  return { fromLeaf: plan.frontier?.size ?? 0, toLeaf: plan.anchor?.size ?? 0, conditions: plan.request.conditions, includeUnsealed: true };
}

export async function* jsonlChunks(db: Queryable, plan: ExportPlan, meta: { origin: string; exportedAt: string }, stats: ExportStats): AsyncGenerator<string> {
  const head = [exportHeaderLine({ scope: plan.scope, origin: meta.origin, exportedAt: meta.exportedAt, ...(plan.request.filter ? { filter: plan.request.filter } : {}) })];
  for (const note of plan.checkpoints) head.push(exportCheckpointLine(note));
  if (plan.frontier) head.push(exportFrontierLine(plan.frontier));
  if (plan.consistency) head.push(exportConsistencyLine(plan.consistency.fromSize, plan.consistency.toSize, plan.consistency.proof));
  yield head.join("\n") + "\n";

  const range = rangeOf(plan);
  if (plan.scope === "contiguous") {
    // The sealed stretch comes pre-rendered, a batch per string (log-line-chunks.ts); only the
    // unsealed tail goes through the per-event path below.
    for await (const chunk of contiguousLineChunks(db, range.fromLeaf, range.toLeaf)) {
      stats.events += chunk.events;
      stats.firstSeq ??= chunk.firstSeq;
      stats.lastSeq = chunk.lastSeq ?? stats.lastSeq;
      stats.firstLeaf ??= chunk.firstLeaf;
      stats.lastLeaf = chunk.lastLeaf ?? stats.lastLeaf;
      yield chunk.text;
    }
    range.fromLeaf = range.toLeaf;
  }
  for await (const batch of logTexts(db, range)) {
    count(stats, batch);
    // A filtered export carries each sealed event's inclusion proof in the anchor checkpoint,
    // built for the whole batch from one fetch of the subtrees involved.
    const proofs =
      plan.scope === "filtered" && plan.anchor
        ? await new TreeReader(db).inclusionProofs(
            batch.flatMap((e) => (e.leafIndex === null ? [] : [e.leafIndex])),
            plan.anchor.size,
          )
        : null;
    let p = 0;
    const lines = batch.map((e) => {
      if (e.leafIndex === null) return exportEventLine({ canonicalText: e.text }, { leafIndex: null });
      if (e.text === null) return exportMissingLine({ leafIndex: e.leafIndex, leafHash: e.leafHash, seq: e.seq });
      const leaf = { leafIndex: e.leafIndex, leafHash: e.leafHash, ...(proofs ? { proof: proofs[p++]! } : {}) };
      return exportEventLine({ canonicalText: e.text }, leaf);
    });
    if (lines.length > 0) yield lines.join("\n") + "\n";
  }
}

export const CSV_COLUMNS = [
  "status", "seq", "leaf_index", "leaf_hash_hex", "occurred_at", "actor_id", "actor_email", "actor_roles", "action", "outcome",
  "denial_reason", "case_id", "conversation_id", "account_ids", "message_ids", "purpose", "justification", "grant_id",
  "request_id", "ip_hmac", "user_agent", "details",
] as const;

export async function* csvChunks(db: Queryable, plan: ExportPlan, stats: ExportStats): AsyncGenerator<string> {
  yield csvRows([CSV_COLUMNS]);
  for await (const batch of logEntries(db, rangeOf(plan))) {
    count(stats, batch);
    const rows = batch.map((e): CsvValue[] => {
      const status = e.leafIndex === null ? "unsealed" : e.event === null ? "missing" : "sealed";
      const leaf = [e.seq, e.leafIndex === null ? "" : String(e.leafIndex), e.leafHash ? e.leafHash.toString("hex") : ""];
      const v = e.event;
      if (!v) return [status, ...leaf];
      return [
        status, ...leaf, v.occurredAt, v.actorId, v.actorEmail, v.actorRoles.join(";"), v.action, v.outcome, v.denialReason, v.caseId,
        v.conversationId, v.accountIds.join(";"), v.messageIds.join(";"), v.purpose, v.justification, v.grantId, v.requestId, v.ipHmac,
        v.userAgent, v.details === null ? null : JSON.stringify(v.details),
      ];
    });
    if (rows.length > 0) yield csvRows(rows);
  }
}
