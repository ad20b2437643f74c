import { type JsonValue, CanonicalJsonError, canonicalJson, canonicalString } from "./canonical-json";
import { leafHashOfText } from "../merkle/merkle-hash";
import { CANONICAL_ORDER, type CanonicalEventFields, type CanonicalKind, EVENT_OUTCOMES, type EventOutcome, type EventRowFields, canonicalKind } from "./event-columns";

// What a Merkle leaf of the access log commits to: the RFC 8785 canonical JSON of one event's
// fields, exactly these and nothing else. The sealer (reading the database) and the offline
// verifier (reading an export) both build leaves here, so they cannot disagree on the bytes.
//
// Representation choices, each made so the same row always yields the same bytes:
//  - seq is a decimal string: it is a bigint in PostgreSQL and JSON numbers lose precision
//    past 2^53.
//  - occurredAt is Date.prototype.toISOString(): UTC, exactly millisecond precision. The
//    column holds microseconds, but Prisma and node-postgres both read it into a JS Date, which
//    keeps milliseconds; committing to microseconds would make the leaf depend on how the row
//    was read.
//  - absent values are null and empty lists are [], never missing keys.

export { EVENT_OUTCOMES, type EventOutcome } from "./event-columns";

/** The fields a leaf commits to, as declared in event-columns.ts. */
export type CanonicalEvent = CanonicalEventFields;

// In RFC 8785 key order (UTF-16 code units), so the text can be written in one pass without
// sorting; a test checks the result equals canonicalJson of the same object.
const FIELDS: readonly (readonly [keyof CanonicalEvent, CanonicalKind])[] = CANONICAL_ORDER.map((c) => [c.field, canonicalKind(c)] as const);

/** The event's field names, in canonical order. */
export const EVENT_FIELDS: readonly (keyof CanonicalEvent)[] = FIELDS.map(([name]) => name);

const SEQ = /^(0|[1-9][0-9]*)$/;
const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const PREFIXES = FIELDS.map(([name], i) => (i === 0 ? "{" : ",") + JSON.stringify(name) + ":");

/**
 * The canonical JSON text of an event's leaf. Reads only the event fields, so an export record
 * carrying extra keys (leafIndex, leafHash) can be passed as is. Throws CanonicalJsonError
 * naming the field when a value has the wrong type or form.
 */
export function canonicalEventText(event: object): string {
  const record = event as Readonly<Record<string, unknown>>;
  let out = "";
  for (let i = 0; i < FIELDS.length; i++) {
    const [name, kind] = FIELDS[i]!;
    out += PREFIXES[i]! + fieldText(record[name], kind, `/${name}`);
  }
  return out + "}";
}

/** The UTF-8 bytes of the canonical JSON of an event: what a leaf hash is taken over. */
export function canonicalEventBytes(event: object): Buffer {
  return Buffer.from(canonicalEventText(event), "utf8");
}

/** The Merkle leaf hash of an event: SHA-256(0x00 ‖ canonical bytes). */
export function eventLeafHash(event: object): Buffer {
  return leafHashOfText(canonicalEventText(event));
}

function fieldText(value: unknown, kind: CanonicalKind, path: string): string {
  switch (kind) {
    case "string":
      if (typeof value !== "string") throw new CanonicalJsonError("expected a string", path);
      return canonicalString(value, path);
    case "string?":
      if (value === null) return "null";
      if (typeof value !== "string") throw new CanonicalJsonError("expected a string or null", path);
      return canonicalString(value, path);
    case "string[]": {
      if (!Array.isArray(value)) throw new CanonicalJsonError("expected an array of strings", path);
      let out = "[";
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== "string") throw new CanonicalJsonError("expected a string", `${path}/${i}`);
        out += (i > 0 ? "," : "") + canonicalString(item, `${path}/${i}`);
      }
      return out + "]";
    }
    case "json":
      if (value === undefined) throw new CanonicalJsonError("expected JSON or null", path);
      return value === null ? "null" : canonicalJson(value);
    case "seq":
      if (typeof value !== "string" || !SEQ.test(value)) throw new CanonicalJsonError("expected a decimal string", path);
      return `"${value}"`;
    case "time":
      if (typeof value !== "string" || !ISO_MILLIS.test(value)) {
        throw new CanonicalJsonError("expected a UTC timestamp as Date.toISOString() writes it", path);
      }
      return `"${value}"`;
    case "outcome":
      if (!EVENT_OUTCOMES.includes(value as EventOutcome)) throw new CanonicalJsonError("expected ALLOWED, DENIED or FAILED", path);
      return `"${value as EventOutcome}"`;
  }
}

/**
 * The canonical event of a database row as Prisma or node-postgres return it (bigint seq,
 * Date time). Only the event fields are copied, written out rather than looped over the
 * declaration: the sealer converts every row here, and the compiler already checks that the
 * literal names each declared field exactly once.
 */
export function canonicalEventFromRow(row: EventRowFields): CanonicalEvent {
  return {
    seq: String(row.seq),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    actorRoles: row.actorRoles,
    action: row.action,
    outcome: row.outcome,
    denialReason: row.denialReason,
    caseId: row.caseId,
    conversationId: row.conversationId,
    accountIds: row.accountIds,
    messageIds: row.messageIds,
    purpose: row.purpose,
    justification: row.justification,
    grantId: row.grantId,
    requestId: row.requestId,
    ipHmac: row.ipHmac,
    userAgent: row.userAgent,
    details: (row.details ?? null) as JsonValue | null,
  };
}
