import { EVENT_FIELDS, canonicalEventText } from "../events/event-leaf";
import { EVENT_LINE_PREFIX } from "./export-format";

// Turns one exported event — a line of the export file, or a record already parsed — into what
// the verifier needs: the canonical leaf text and where the record says it belongs.
//
// Lines written by exportEventLine take a fast path: the canonical event is the rest of the
// line after `"event":`, so it is sliced out and hashed as is, without JSON.parse and
// re-serialisation (together ~3 µs of the verifier's budget of 6 per event). That is sound
// because the leaf commits to those exact bytes: if they hash to a leaf under a signed root
// they are the canonical bytes the sealer wrote, and anything appended after them on the line
// would change them. Everything else — a reformatted line, an unsealed event, a line with an
// inclusion proof, or one the fast path cannot read — is parsed and canonicalised in full.

export interface DecodedEvent {
  /** The canonical JSON text of the event: the leaf's bytes. */
  text: string;
  leafIndex: number | null;
  leafHash: string | undefined;
  proof: unknown;
  /** Read from the record; trustworthy only once the leaf is covered by a signed root. */
  seq: string;
  occurredAt: string;
}

export class EventRecordError extends Error {
  constructor(
    message: string,
    readonly seq: string | null,
    readonly leafIndex: number | null,
    /** "missing-events" for a sealed leaf whose event is gone; otherwise the record is malformed. */
    readonly kind: "malformed-event" | "missing-events" = "malformed-event",
  ) {
    super(message);
    this.name = "EventRecordError";
  }
}

const LEAF_HASH_KEY = '"leafHash":"';
const EVENT_KEY = '"event":';
const SEQ_KEY = ',"seq":"';
const TIME_KEY = ',"occurredAt":"';
const RECORD_KEYS = new Set(["type", "leafIndex", "leafHash", "proof", "event"]);

export function decodeEvent(item: unknown): DecodedEvent {
  return (typeof item === "string" && decodeLine(item)) || decodeEventFully(item);
}

/** The slow path alone: parse, check every field, canonicalise. */
export function decodeEventFully(item: unknown): DecodedEvent {
  return decodeRecord(typeof item === "string" ? parseLine(item) : item);
}

function decodeLine(line: string): DecodedEvent | undefined {
  if (!line.startsWith(EVENT_LINE_PREFIX) || line.charCodeAt(line.length - 1) !== 0x7d /* } */) return undefined;
  // leafIndex: decimal digits read in place (no slice, no regex: this runs a million times).
  let p = EVENT_LINE_PREFIX.length;
  let leafIndex = 0;
  const digitsStart = p;
  for (let c = line.charCodeAt(p); c >= 0x30 && c <= 0x39; c = line.charCodeAt(++p)) leafIndex = leafIndex * 10 + (c - 0x30);
  const digits = p - digitsStart;
  // No digits (null: unsealed, rare), a leading zero, or too long to be exact: validate fully.
  if (digits === 0 || digits > 15 || (digits > 1 && line.charCodeAt(digitsStart) === 0x30) || line.charCodeAt(p) !== 0x2c) return undefined;
  p++;
  let leafHash: string | undefined;
  if (line.startsWith(LEAF_HASH_KEY, p)) {
    const start = p + LEAF_HASH_KEY.length;
    const end = line.indexOf('"', start);
    // Base64 of 32 bytes and no escapes, so a JSON parser ends this string where we do and
    // reads the same "event" as the bytes hashed below.
    const escape = line.indexOf("\\", start);
    if (end - start !== 44 || (escape >= 0 && escape < end) || line.charCodeAt(end + 1) !== 0x2c /* , */) return undefined;
    leafHash = line.slice(start, end);
    p = end + 2;
  }
  if (!line.startsWith(EVENT_KEY, p) || line.charCodeAt(p + EVENT_KEY.length) !== 0x7b /* { */) return undefined;
  const text = line.slice(p + EVENT_KEY.length, -1);
  // In canonical order "details" (the only field that can nest objects) sorts before
  // "occurredAt" and "seq", and only flat strings follow them, so their last occurrences are
  // the top-level ones. A quote inside a string is always escaped, so values cannot fake them.
  const s = text.lastIndexOf(SEQ_KEY);
  const t = text.lastIndexOf(TIME_KEY);
  const seqEnd = text.indexOf('"', s + SEQ_KEY.length);
  if (s < 0 || t < 0 || seqEnd < 0) return undefined;
  return {
    text,
    leafIndex,
    leafHash,
    proof: undefined,
    seq: text.slice(s + SEQ_KEY.length, seqEnd),
    occurredAt: text.slice(t + TIME_KEY.length, t + TIME_KEY.length + 24),
  };
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new EventRecordError("the event line is not JSON", null, null);
  }
}

function decodeRecord(item: unknown): DecodedEvent {
  const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
  const event = (typeof record.event === "object" && record.event !== null ? record.event : {}) as Record<string, unknown>;
  const seq = typeof event.seq === "string" ? event.seq : null;
  const leafIndex = Number.isSafeInteger(record.leafIndex) && (record.leafIndex as number) >= 0 ? (record.leafIndex as number) : null;
  const bad = (message: string): never => {
    throw new EventRecordError(message, seq, leafIndex);
  };
  if (record.type === "missing") {
    const missingSeq = typeof record.seq === "string" ? record.seq : null;
    throw new EventRecordError(`the event of seq ${missingSeq ?? "?"} (leaf ${leafIndex ?? "?"}) was sealed but is no longer in the log: it was deleted`, missingSeq, leafIndex, "missing-events");
  }
  if (record.type !== "event") bad("not an event record");
  if (record.leafIndex !== null && leafIndex === null) bad("leafIndex must be a non-negative integer, or null while unsealed");
  if (record.leafHash !== undefined && typeof record.leafHash !== "string") bad("leafHash must be base64");
  // Refuse fields the leaf does not cover: a reader of the export must not be shown an
  // unverified "approvedBy" that the verifier silently skipped.
  const extra = [
    ...Object.keys(record).filter((k) => !RECORD_KEYS.has(k)),
    ...Object.keys(event).filter((k) => !(EVENT_FIELDS as readonly string[]).includes(k)),
  ];
  if (extra.length > 0) bad(`unexpected field(s) ${extra.join(", ")}: not covered by the log`);
  let text = "";
  try {
    text = canonicalEventText(event);
  } catch (error) {
    bad(`invalid event: ${(error as Error).message}`);
  }
  return { text, leafIndex, leafHash: record.leafHash as string | undefined, proof: record.proof, seq: seq!, occurredAt: event.occurredAt as string };
}
