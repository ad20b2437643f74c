import { OUTCOMES, type Outcome } from "@/lib/policy/enums";
import type { JsonValue } from "./canonical-json";

// The access event's columns, declared once. The insert (column list and `$n::type` casts),
// the select list with its camelCase names, the canonical SQL and the TypeScript shapes of an
// event are all derived from this list, so a column cannot be added in one place and
// forgotten in another. prisma/schema.prisma (model AccessEvent) stays the migration source;
// a unit test checks it against this list and an integration test checks the live table.
//
// Order is the table's column order. `generated` columns are written by PostgreSQL's defaults,
// never by the writer. `nullable` is what a canonical event may hold: the list columns are
// NULL-able in PostgreSQL (Prisma lists cannot be NOT NULL) but the writer always writes a
// list, and a leaf commits to [] for an empty one.

/** The outcome column's values: lib/policy's, which enums.test.ts keeps equal to the database enum. */
export const EVENT_OUTCOMES = OUTCOMES;
export type EventOutcome = Outcome;

export const ACCESS_EVENT_COLUMNS = [
  { column: "seq", field: "seq", pgType: "bigint", nullable: false, generated: true },
  { column: "occurred_at", field: "occurredAt", pgType: "timestamptz", nullable: false, generated: true },
  { column: "actor_id", field: "actorId", pgType: "uuid", nullable: true },
  { column: "actor_email", field: "actorEmail", pgType: "text", nullable: true },
  { column: "actor_roles", field: "actorRoles", pgType: "text", nullable: false, array: true },
  { column: "action", field: "action", pgType: "text", nullable: false },
  { column: "outcome", field: "outcome", pgType: '"EventOutcome"', nullable: false },
  { column: "denial_reason", field: "denialReason", pgType: "text", nullable: true },
  { column: "case_id", field: "caseId", pgType: "uuid", nullable: true },
  { column: "conversation_id", field: "conversationId", pgType: "uuid", nullable: true },
  { column: "account_ids", field: "accountIds", pgType: "text", nullable: false, array: true },
  { column: "message_ids", field: "messageIds", pgType: "text", nullable: false, array: true },
  { column: "purpose", field: "purpose", pgType: "text", nullable: true },
  { column: "justification", field: "justification", pgType: "text", nullable: true },
  { column: "grant_id", field: "grantId", pgType: "uuid", nullable: true },
  { column: "request_id", field: "requestId", pgType: "text", nullable: true },
  { column: "ip_hmac", field: "ipHmac", pgType: "text", nullable: true },
  { column: "user_agent", field: "userAgent", pgType: "text", nullable: true },
  { column: "details", field: "details", pgType: "jsonb", nullable: true },
] as const;

export type EventColumnSpec = (typeof ACCESS_EVENT_COLUMNS)[number];
export type EventField = EventColumnSpec["field"];
type Spec<F extends EventField> = Extract<EventColumnSpec, { field: F }>;

/** A column the writer fills in (every one but the generated seq and time). */
export type InsertColumnSpec = Exclude<EventColumnSpec, { generated: true }>;
export type InsertColumn = InsertColumnSpec["column"];
export type InsertField = InsertColumnSpec["field"];

/** How a column's value is written in the leaf's canonical JSON (event-leaf.ts). */
export type CanonicalKind = "string" | "string?" | "string[]" | "json" | "seq" | "time" | "outcome";

type KindOf<C extends EventColumnSpec> = C["pgType"] extends "bigint"
  ? "seq"
  : C["pgType"] extends "timestamptz"
    ? "time"
    : C["pgType"] extends '"EventOutcome"'
      ? "outcome"
      : C["pgType"] extends "jsonb"
        ? "json"
        : C extends { array: true }
          ? "string[]"
          : C["nullable"] extends true
            ? "string?"
            : "string";

type CanonicalValue = { seq: string; time: string; outcome: EventOutcome; json: JsonValue | null; "string[]": string[]; "string?": string | null; string: string };

/** One event exactly as its Merkle leaf commits to it (see event-leaf.ts for the representation). */
export type CanonicalEventFields = { [F in EventField]: CanonicalValue[KindOf<Spec<F>>] };

/** One event as node-postgres or Prisma return its row: bigint seq (or its text), a Date, parsed jsonb. */
export type EventRowFields = { [F in EventField]: F extends "seq" ? bigint | string : F extends "occurredAt" ? Date : F extends "details" ? unknown : CanonicalEventFields[F] };

/**
 * Some of an event's fields as a query returns them when it reads them with eventSelect
 * (event-rows.ts): seq as text, the time a Date, jsonb parsed. For the auditor's search and
 * reports, which read a subset and join other tables.
 */
export type SelectedEventFields<F extends EventField> = { [K in F]: K extends "occurredAt" ? Date : K extends "details" ? unknown : CanonicalEventFields[K] };

/** The values the writer binds, one per insert column. */
export type InsertRow = { [F in InsertField]: F extends "details" ? unknown : CanonicalEventFields[F] };

export function canonicalKind(c: EventColumnSpec): CanonicalKind {
  if (c.pgType === "bigint") return "seq";
  if (c.pgType === "timestamptz") return "time";
  if (c.pgType === '"EventOutcome"') return "outcome";
  if (c.pgType === "jsonb") return "json";
  if ("array" in c) return "string[]";
  return c.nullable ? "string?" : "string";
}

export const INSERT_COLUMNS: readonly InsertColumnSpec[] = ACCESS_EVENT_COLUMNS.filter((c): c is InsertColumnSpec => !("generated" in c));

/** The columns in RFC 8785 key order of their field names (UTF-16 code units; all ASCII here). */
export const CANONICAL_ORDER: readonly EventColumnSpec[] = [...ACCESS_EVENT_COLUMNS].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
