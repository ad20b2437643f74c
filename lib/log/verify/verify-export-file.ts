import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { parse } from "csv-parse";
import { linesOf } from "../format/export-format";
import { openManifest } from "../format/export-manifest";
import { type VerifyResult, verifyExport } from "./offline-verify";
import { DEFAULT_MAX_SEAL_DELAY_MS, DEFAULT_MAX_UNSEALED_AGE_MS } from "./verify-database";

// The offline verifier's file-level checks, for `npm run audit:verify`: an export file against
// the public key (and optionally a checkpoint the auditor kept and the export's signed
// manifest), or a CSV export against its manifest. No database, no network.

export type FileVerifyResult = VerifyResult | { ok: false; kind: "manifest"; problem: string; firstBadSeq: null; firstBadLeafIndex: null; eventsChecked: number };

/** The log's verifier key, or several (one per line of a key file) when the signing key was rotated. */
export type VerifierKeyList = string | readonly string[];

export interface ExportFileOptions {
  verifierKey: VerifierKeyList;
  trustedCheckpoint?: string;
  manifest?: string;
  maxUnsealedAgeMs?: number;
  maxSealDelayMs?: number;
}

const manifestProblem = (problem: string, eventsChecked = 0): FileVerifyResult => ({ ok: false, kind: "manifest", problem, firstBadSeq: null, firstBadLeafIndex: null, eventsChecked });

export async function verifyExportFile(file: string, opts: ExportFileOptions): Promise<FileVerifyResult> {
  // Unsealed events are judged by their age when the file was made, not when it is checked.
  const exportedAt = await headerTime(file);
  const digest = createHash("sha256");
  async function* hashed() {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      digest.update(chunk as Buffer);
      yield chunk as Buffer;
    }
  }
  const result = await verifyExport(linesOf(hashed()), {
    verifierKey: opts.verifierKey,
    trustedCheckpoint: opts.trustedCheckpoint,
    unsealed: exportedAt ? { maxAgeMs: opts.maxUnsealedAgeMs ?? DEFAULT_MAX_UNSEALED_AGE_MS, asOf: exportedAt } : undefined,
    maxSealDelayMs: opts.maxSealDelayMs ?? DEFAULT_MAX_SEAL_DELAY_MS,
  });
  if (!result.ok || opts.manifest === undefined) return result;
  const problem = checkManifest(opts.manifest, opts.verifierKey, { format: "jsonl", sha256: digest.digest("hex"), events: result.events });
  if (problem) return manifestProblem(problem, result.events);
  return result;
}

/** A CSV export is vouched for only by its manifest: signature, SHA-256 and row count. */
export async function verifyCsvFile(file: string, opts: { verifierKey: VerifierKeyList; manifest: string }): Promise<FileVerifyResult> {
  const digest = createHash("sha256");
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) digest.update(chunk as Buffer);
  const sha256 = digest.digest("hex");
  // The first record is the header; a file without one is not an export (not "-1 events").
  const counted = await csvRecordCount(file).then(
    (records) => (records > 0 ? { rows: records - 1, why: null } : { rows: null, why: "it has no header row" }),
    (error: unknown) => ({ rows: null, why: (error as Error).message }),
  );
  const problem = checkManifest(opts.manifest, opts.verifierKey, { format: "csv", sha256, events: counted.rows });
  if (problem) return manifestProblem(problem);
  if (counted.rows === null) return manifestProblem(`the file is not well-formed CSV: ${counted.why}`);
  const rows = counted.rows;
  return { ok: true, events: rows, sealedEvents: rows, uncoveredEvents: 0, unsealedEvents: 0, checkpointsVerified: 0, verifiedSize: 0, verifiedRoot: null };
}

/**
 * Records in a CSV file, counted by a parser as it streams: a quoted cell may hold line breaks
 * (a justification with a CRLF in it), so counting lines would take one record for two.
 * Rows of unsealed or missing events are shorter than the header, hence relax_column_count.
 */
async function csvRecordCount(file: string): Promise<number> {
  let records = 0;
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), parse({ relax_column_count: true }), async (rows: AsyncIterable<unknown>) => {
    for await (const row of rows) if (Array.isArray(row)) records++;
  });
  return records;
}

/** Signature, format and hash first; the count (null when it could not be taken) last. */
function checkManifest(note: string, verifierKey: VerifierKeyList, actual: { format: "jsonl" | "csv"; sha256: string; events: number | null }): string | null {
  let manifest;
  let why = "";
  for (const key of typeof verifierKey === "string" ? [verifierKey] : verifierKey) {
    try {
      manifest = openManifest(note, key);
      break;
    } catch (error) {
      why ||= (error as Error).message;
    }
  }
  if (!manifest) return `the manifest does not verify: ${why}`;
  if (manifest.format !== actual.format) return `the manifest is for a ${manifest.format} export, not ${actual.format}`;
  if (manifest.sha256 !== actual.sha256) return `the file's SHA-256 is ${actual.sha256}, but the manifest signs ${manifest.sha256}: the file was altered or is another export`;
  if (actual.events !== null && manifest.events !== actual.events) return `the file holds ${actual.events} events, but the manifest signs ${manifest.events}`;
  return null;
}

async function headerTime(file: string): Promise<Date | undefined> {
  const stream = createReadStream(file, { start: 0, end: 65_535, encoding: "utf8" });
  let head = "";
  for await (const chunk of stream) head += chunk as string;
  try {
    const header = JSON.parse(head.split("\n", 1)[0] ?? "") as { exportedAt?: unknown };
    const time = typeof header.exportedAt === "string" ? new Date(header.exportedAt) : undefined;
    return time && !Number.isNaN(time.getTime()) ? time : undefined;
  } catch {
    return undefined; // verifyExport reports the malformed header itself
  }
}
