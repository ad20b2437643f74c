import { StringDecoder } from "node:string_decoder";
import { type CanonicalEvent, canonicalEventText } from "../events/event-leaf";
import type { FrontierJson } from "../merkle/merkle-frontier";

// The access-log export file an auditor verifies offline (`npm run audit:verify -- --export`).
// JSON Lines, UTF-8, one JSON object per line, each with a "type":
//
//   {"type":"header","format":"custody-access-log-export","version":1,"scope":"contiguous",
//    "origin":"custody.example/access-log","exportedAt":"2026-03-01T09:30:00.000Z"}
//       First line, exactly once. scope is "contiguous" (every leaf of a range, rebuilt into the
//       tree) or "filtered" (a selection, each event carrying its inclusion proof).
//   {"type":"checkpoint","note":"<C2SP signed note: origin\nsize\nroot\n\n— key sig\n>"}
//       Zero or more, in the order the log issued them.
//   {"type":"frontier","size":k,"hashes":["<base64>",…]}
//       At most one: a contiguous export that starts at leaf k > 0 gives the tree's right edge
//       at k. It is not trusted on its own — a signed root later in the range vouches for it.
//   {"type":"consistency","fromSize":m,"toSize":n,"proof":["<base64>",…]}
//       Zero or more RFC 6962 consistency proofs between checkpoints in the file (or the
//       auditor's trusted checkpoint). A filtered export needs one from the trusted checkpoint.
//   {"type":"event","leafIndex":0,"leafHash":"<base64>","event":{…canonical event…}}
//       After all the lines above, in leaf order. leafIndex is null while an event is not yet
//       sealed (unsealed events come last). leafHash, optional, is the hash the sealer stored,
//       which lets the verifier name the exact event that changed. proof, in a filtered export,
//       is the event's inclusion proof in the largest checkpoint of the file. event holds the
//       event fields (see event-leaf.ts) written as their RFC 8785 canonical JSON — the exact
//       bytes of the leaf — and last on the line, so the verifier can hash them straight from
//       the line without parsing and re-serialising a million objects. A line reformatted by
//       another tool still verifies, through the slower parse-and-canonicalise path.
//   {"type":"missing","leafIndex":7,"leafHash":"<base64>","seq":"8"}
//       In place of an event line: a sealed leaf whose event the database no longer holds. Only
//       a tampered database produces it; the exporter writes it (rather than skipping the leaf)
//       so the verifier can name the deleted event's seq.

export const EXPORT_FORMAT = "custody-access-log-export";
export const EXPORT_VERSION = 1;

export type ExportScope = "contiguous" | "filtered";

export interface ExportHeader {
  type: "header";
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  scope: ExportScope;
  origin?: string;
  exportedAt?: string;
  /** What the auditor filtered on, for the record; not interpreted. */
  filter?: unknown;
}

export interface ConsistencyLine {
  type: "consistency";
  fromSize: number;
  toSize: number;
  proof: string[];
}

export interface ExportedEvent {
  type: "event";
  leafIndex: number | null;
  leafHash?: string;
  proof?: string[];
  event: CanonicalEvent;
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString("base64");

export function exportHeaderLine(header: Omit<ExportHeader, "type" | "format" | "version">): string {
  return JSON.stringify({ type: "header", format: EXPORT_FORMAT, version: EXPORT_VERSION, ...header });
}

export function exportCheckpointLine(note: string): string {
  return JSON.stringify({ type: "checkpoint", note });
}

export function exportFrontierLine(frontier: FrontierJson): string {
  return JSON.stringify({ type: "frontier", size: frontier.size, hashes: frontier.hashes });
}

export function exportConsistencyLine(fromSize: number, toSize: number, proof: readonly Uint8Array[]): string {
  return JSON.stringify({ type: "consistency", fromSize, toSize, proof: proof.map(b64) });
}

/**
 * One event line. Pass the canonical text when it is already at hand (the sealer has it) to
 * avoid serialising twice; it is written verbatim, last, so the verifier can hash it in place.
 */
export function exportEventLine(
  event: CanonicalEvent | { canonicalText: string },
  leaf: { leafIndex: number | null; leafHash?: Uint8Array; proof?: readonly Uint8Array[] },
): string {
  const text = "canonicalText" in event ? event.canonicalText : canonicalEventText(event);
  const hash = leaf.leafHash ? `,"leafHash":"${b64(leaf.leafHash)}"` : "";
  const proof = leaf.proof ? `,"proof":${JSON.stringify(leaf.proof.map(b64))}` : "";
  return `${EVENT_LINE_PREFIX}${leaf.leafIndex === null ? "null" : String(leaf.leafIndex)}${hash}${proof},"event":${text}}`;
}

/** The line for a sealed leaf whose event row is gone (see the format above). */
export function exportMissingLine(leaf: { leafIndex: number; leafHash: Uint8Array; seq: string }): string {
  return JSON.stringify({ type: "missing", leafIndex: leaf.leafIndex, leafHash: b64(leaf.leafHash), seq: leaf.seq });
}

/** How every event line written by exportEventLine begins. */
export const EVENT_LINE_PREFIX = '{"type":"event","leafIndex":';

export class ExportFormatError extends Error {
  constructor(
    readonly lineNumber: number,
    message: string,
  ) {
    super(`line ${lineNumber}: ${message}`);
    this.name = "ExportFormatError";
  }
}

export interface ParsedExport {
  header: ExportHeader;
  checkpoints: string[];
  frontier?: FrontierJson;
  consistencyProofs: ConsistencyLine[];
  /** The event lines, unparsed (the first may be parsed already) and possibly in arrays, for decodeEvent. */
  events: AsyncIterable<unknown> | Iterable<unknown>;
}

/**
 * Reads the header and the lines before the first event, and returns them with an iterator
 * over the events that parses one line at a time, so a million-event file is never held whole.
 */
/** Lines of an export: one at a time, or in batches (see linesOf). */
export type LineSource = AsyncIterable<string | readonly string[]> | Iterable<string>;

/**
 * Splits a byte stream (a file's ReadStream) into batches of lines. Batching matters: handing
 * a verifier one line per async step costs about as much as reading the file.
 */
export async function* linesOf(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of chunks) {
    const lines = (rest + (typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer))).split("\n");
    rest = lines.pop()!;
    yield lines.map(withoutCarriageReturn);
  }
  rest += decoder.end();
  if (rest !== "") yield [withoutCarriageReturn(rest)];
}

function withoutCarriageReturn(line: string): string {
  return line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line;
}

/**
 * Reads the header and the lines before the first event, and returns them with the rest of the
 * lines still unread, so a million-event file is never held whole.
 */
export async function readExport(lines: LineSource): Promise<ParsedExport> {
  const sync = !(Symbol.asyncIterator in lines);
  const iterator = Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  let batch: readonly string[] = [];
  let position = 0;
  let lineNumber = 0;
  const nextLine = async (): Promise<string | undefined> => {
    for (;;) {
      while (position < batch.length) {
        const line = batch[position++]!;
        lineNumber++;
        if (line.trim() !== "") return line;
      }
      const r = await iterator.next();
      if (r.done) return undefined;
      if (typeof r.value === "string") batch = [r.value];
      else batch = r.value;
      position = 0;
    }
  };
  const parse = (line: string): Record<string, unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ExportFormatError(lineNumber, "not JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ExportFormatError(lineNumber, "not a JSON object");
    return value as Record<string, unknown>;
  };

  const headerLine = await nextLine();
  const header = headerLine === undefined ? undefined : parse(headerLine);
  if (header?.type !== "header" || header.format !== EXPORT_FORMAT) throw new ExportFormatError(lineNumber, `not a ${EXPORT_FORMAT} file`);
  if (header.version !== EXPORT_VERSION) throw new ExportFormatError(lineNumber, `unsupported version ${String(header.version)}`);
  if (header.scope !== "contiguous" && header.scope !== "filtered") throw new ExportFormatError(lineNumber, "scope must be contiguous or filtered");

  const parsed: Omit<ParsedExport, "events"> = { header: header as unknown as ExportHeader, checkpoints: [], consistencyProofs: [] };
  let first: string | Record<string, unknown> | undefined;
  for (let line = await nextLine(); line !== undefined; line = await nextLine()) {
    const value = line.startsWith(EVENT_LINE_PREFIX) ? line : parse(line);
    if (typeof value === "string" || value.type === "event" || value.type === "missing") {
      first = value;
      break;
    } else if (value.type === "checkpoint" && typeof value.note === "string") {
      parsed.checkpoints.push(value.note);
    } else if (value.type === "frontier" && !parsed.frontier) {
      parsed.frontier = value as unknown as FrontierJson;
    } else if (value.type === "consistency" && isConsistencyLine(value)) {
      parsed.consistencyProofs.push(value);
    } else {
      throw new ExportFormatError(lineNumber, `unexpected ${JSON.stringify(value.type)} line`);
    }
  }

  // From here on lines are handed over unparsed, in the batches they came in: the verifier reads
  // them (decodeEvent) and reports anything that is not an event. A sync source stays sync,
  // sparing a promise per line.
  const rest = batch.slice(position);
  function* syncEvents(it: Iterator<string>): Generator<unknown> {
    if (first !== undefined) yield first;
    yield rest;
    for (let r = it.next(); !r.done; r = it.next()) yield r.value;
  }
  async function* asyncEvents(it: AsyncIterator<string | readonly string[]>): AsyncGenerator<unknown> {
    if (first !== undefined) yield first;
    yield rest;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  }
  const events = sync ? syncEvents(iterator as Iterator<string>) : asyncEvents(iterator as AsyncIterator<string | readonly string[]>);
  return { ...parsed, events };
}

function isConsistencyLine(line: Record<string, unknown>): line is Record<string, unknown> & ConsistencyLine {
  return (
    Number.isSafeInteger(line.fromSize) &&
    Number.isSafeInteger(line.toSize) &&
    Array.isArray(line.proof) &&
    line.proof.every((h) => typeof h === "string")
  );
}

