import type pg from "pg";
import { ACCESS_EVENT_COLUMNS, CANONICAL_ORDER, type EventColumnSpec, type EventField, type EventRowFields, canonicalKind } from "./event-columns";
import { type CanonicalEvent, canonicalEventFromRow } from "./event-leaf";

// How the sealer, the exports and the live verifier read events from PostgreSQL: one column
// list and one conversion, so the bytes a leaf commits to are produced the same way wherever
// a row is read. node-postgres returns bigint as a string, timestamptz as a Date (milliseconds,
// truncated, as event-leaf.ts expects), uuid and enum values as strings and jsonb parsed.

/** The SELECT expression of one column under its field name: text for int8, enums and uuids. */
function selectOf(c: EventColumnSpec, alias: string): string {
  const cast = c.pgType === "bigint" || c.pgType === '"EventOutcome"' || c.pgType === "uuid" ? "::text" : "";
  return `${alias}.${c.column}${cast}${c.field === c.column && !cast ? "" : ` AS "${c.field}"`}`;
}

/**
 * The select list of some of the event's columns under their field names (the names
 * canonicalEventFromRow and the DTOs use), for queries that read a subset.
 */
export function eventSelect(fields: readonly EventField[], alias = "e"): string {
  return fields.map((f) => selectOf(ACCESS_EVENT_COLUMNS.find((c) => c.field === f)!, alias)).join(", ");
}

/** The event's columns under the names canonicalEventFromRow expects (`e` is access_event). */
export const EVENT_COLUMNS = eventSelect(ACCESS_EVENT_COLUMNS.map((c) => c.field));

export type EventRow = EventRowFields;

/** A row of EVENT_COLUMNS (possibly with extra columns) as a canonical event. */
export function eventOfRow(row: EventRow): CanonicalEvent {
  return canonicalEventFromRow(row);
}

/** Anything that runs queries: a pool, a pooled client or a plain client. */
export type Queryable = Pick<pg.ClientBase, "query">;

/** int8 values arrive as strings; tree sizes and leaf indices fit a double exactly. */
export function toSafeNumber(value: string | number | bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} ${String(value)} is not a safe non-negative integer`);
  return n;
}

// The canonical JSON of an event (event-leaf.ts) built by PostgreSQL, for reading millions of
// events without turning each row into JavaScript objects first (which costs exports and the
// live verifier most of their time in garbage collection). to_json on text escapes exactly as
// JSON.stringify does (", \, \b \f \n \r \t, other controls as lower-case \u00xx, nothing
// else), which is RFC 8785's string form; fields are in canonical key order; details go through
// custody_canonical_json (migration ..._audit_canonical_json). Callers must check the text
// against the stored leaf hash and fall back to the JS rendering on any difference, so this can
// only ever be a faster way to the same bytes.
// Each field's value as JSON text: SQL literal text (`lit`) or an SQL expression (`sql`). Every
// canonical kind has exactly one rendering, so a new column gets one or fails to compile.
type Piece = { lit: string } | { sql: string };

function canonicalPieces(c: EventColumnSpec): Piece[] {
  const col = `e.${c.column}`;
  switch (canonicalKind(c)) {
    case "seq":
    case "outcome":
      return [{ lit: '"' }, { sql: `${col}::text` }, { lit: '"' }];
    case "time":
      return [{ lit: '"' }, { sql: `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` }, { lit: '"' }];
    case "json":
      return [{ sql: `coalesce(custody_canonical_json(${col}), 'null')` }];
    case "string[]":
      return [{ sql: `array_to_json(${col})::text` }];
    case "string":
      return [{ sql: `to_json(${col})::text` }];
    case "string?":
      return [{ sql: `coalesce(to_json(${c.pgType === "uuid" ? `${col}::text` : col})::text, 'null')` }];
  }
}

/** The whole object as one concatenation, adjacent literal text merged into one SQL string literal. */
function canonicalEventSql(): string {
  const pieces: Piece[] = CANONICAL_ORDER.flatMap((c, i) => [{ lit: `${i === 0 ? "{" : ","}"${c.field}":` }, ...canonicalPieces(c)]);
  pieces.push({ lit: "}" });
  const out: string[] = [];
  let text = "";
  for (const p of pieces) {
    if ("lit" in p) {
      text += p.lit;
      continue;
    }
    if (text) out.push(`'${text.replaceAll("'", "''")}'`);
    text = "";
    out.push(p.sql);
  }
  out.push(`'${text.replaceAll("'", "''")}'`);
  return `(${out.join(" || ")})`;
}

export const CANONICAL_EVENT_SQL = canonicalEventSql();
