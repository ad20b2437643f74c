import type pg from "pg";
import { type CanonicalEvent, canonicalEventFromRow } from "./event-leaf";

// How the sealer, the exports and the live verifier read events from PostgreSQL: one column
// list and one conversion, so the bytes a leaf commits to are produced the same way wherever
// a row is read. node-postgres returns bigint as a string, timestamptz as a Date (milliseconds,
// truncated, as event-leaf.ts expects), uuid and enum values as strings and jsonb parsed.

/** The event's columns under the names canonicalEventFromRow expects (`e` is access_event). */
export const EVENT_COLUMNS = `e.seq::text AS seq, e.occurred_at AS "occurredAt", e.actor_id AS "actorId",
  e.actor_email AS "actorEmail", e.actor_roles AS "actorRoles", e.action, e.outcome::text AS outcome,
  e.denial_reason AS "denialReason", e.case_id AS "caseId", e.conversation_id AS "conversationId",
  e.account_ids AS "accountIds", e.message_ids AS "messageIds", e.purpose, e.justification,
  e.grant_id AS "grantId", e.request_id AS "requestId", e.ip_hmac AS "ipHmac", e.user_agent AS "userAgent", e.details`;

export type EventRow = Parameters<typeof canonicalEventFromRow>[0];

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
const j = (expr: string) => `coalesce(to_json(${expr})::text, 'null')`;
export const CANONICAL_EVENT_SQL = `(
  '{"accountIds":' || array_to_json(e.account_ids)::text || ',"action":' || to_json(e.action)::text ||
  ',"actorEmail":' || ${j("e.actor_email")} || ',"actorId":' || ${j("e.actor_id::text")} ||
  ',"actorRoles":' || array_to_json(e.actor_roles)::text || ',"caseId":' || ${j("e.case_id::text")} ||
  ',"conversationId":' || ${j("e.conversation_id::text")} || ',"denialReason":' || ${j("e.denial_reason")} ||
  ',"details":' || coalesce(custody_canonical_json(e.details), 'null') || ',"grantId":' || ${j("e.grant_id::text")} ||
  ',"ipHmac":' || ${j("e.ip_hmac")} || ',"justification":' || ${j("e.justification")} ||
  ',"messageIds":' || array_to_json(e.message_ids)::text ||
  ',"occurredAt":"' || to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
  '","outcome":"' || e.outcome::text || '","purpose":' || ${j("e.purpose")} || ',"requestId":' || ${j("e.request_id")} ||
  ',"seq":"' || e.seq::text || '","userAgent":' || ${j("e.user_agent")} || '}')`;
