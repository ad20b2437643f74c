import "server-only";
import type { PoolClient } from "pg";
import type { Db, Tx } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { WritableAction } from "./actions";
import { type DetailsOf, checkEventDetails } from "./event-details";
import { type EventOutcome, INSERT_COLUMNS, type InsertColumn, type InsertRow } from "./event-columns";
import { loggableDetails, loggableText } from "./loggable-text";

// Writes one access-log event. Callers pass the transaction that carries the change being
// recorded, so the event and the change commit or fail together. Errors propagate: an
// access log that swallows its own write failures is a security bug.

export type Actor = { id: string; email: string; roles: readonly string[] };

type EventBase = {
  actor: Actor | null;
  outcome: EventOutcome;
  denialReason?: string;
  caseId?: string;
  conversationId?: string;
  accountIds?: readonly string[];
  messageIds?: readonly string[];
  purpose?: string;
  justification?: string;
  grantId?: string;
  meta?: RequestMeta;
};

/** Details as the action's schema has them: required unless the schema allows none. */
type DetailsField<A extends WritableAction> = undefined extends DetailsOf<A> ? { details?: DetailsOf<A> } : { details: DetailsOf<A> };

/**
 * One event, its `details` typed by its action (event-details.ts). Reserved actions
 * (actions.ts) are not writable until their work gives them a schema.
 */
export type EventInput = { [A in WritableAction]: EventOf<A> }[WritableAction];

/** An event of one action. */
export type EventOf<A extends WritableAction> = EventBase & { action: A } & DetailsField<A>;

/** The values of one event's insert columns, by field (event-columns.ts). */
function eventRow(e: EventInput): InsertRow {
  // Before anything is written: details that do not fit their action are a bug in the writer.
  checkEventDetails(e.action, e.details);
  return {
    actorId: e.actor?.id ?? null,
    actorEmail: e.actor?.email ?? null,
    actorRoles: e.actor ? [...e.actor.roles] : [],
    action: e.action,
    outcome: e.outcome,
    denialReason: e.denialReason ?? null,
    caseId: e.caseId ?? null,
    conversationId: e.conversationId ?? null,
    accountIds: e.accountIds ? [...e.accountIds] : [],
    messageIds: e.messageIds ? [...e.messageIds] : [],
    purpose: e.purpose ?? null,
    justification: e.justification == null ? null : loggableText(e.justification),
    grantId: e.grantId ?? null,
    requestId: e.meta?.requestId ?? null,
    ipHmac: e.meta?.ipHmac ?? null,
    userAgent: e.meta?.userAgent == null ? null : loggableText(e.meta.userAgent),
    // Caller-sent text must never make the insert fail (lib/log/events/loggable-text.ts).
    details: e.details ? loggableDetails(e.details) : null,
  };
}

export async function recordEvent(db: Db | Tx, e: EventInput): Promise<bigint> {
  const { details, ...rest } = eventRow(e);
  const row = await db.accessEvent.create({ data: { ...rest, details: (details ?? undefined) as never }, select: { seq: true } });
  return row.seq;
}

// Each insert column's parameter cast, from its declared type, computed once at module load.
const CASTS = INSERT_COLUMNS.map((c) => `::${c.pgType}${"array" in c ? "[]" : ""}`);
const COLUMN_LIST = INSERT_COLUMNS.map((c) => c.column).join(", ");

/**
 * One event as the column list, value expressions ($1…$n) and parameters of an INSERT into
 * access_event, for statements that write the event together with other work. `computed`
 * replaces a column's parameter with an SQL expression (the content route derives the
 * revealed message ids from the rows it reads in the same statement).
 */
export function eventInsert(e: EventInput, computed: Partial<Record<InsertColumn, string>> = {}): { columns: string; values: string; params: unknown[] } {
  const row = eventRow(e);
  const params: unknown[] = [];
  const values = INSERT_COLUMNS.map((c, i) => {
    const expr = computed[c.column];
    if (expr) return expr;
    const value = row[c.field];
    params.push(c.field === "details" && value !== null ? JSON.stringify(value) : value);
    return `$${params.length}${CASTS[i]!}`;
  });
  return { columns: COLUMN_LIST, values: values.join(", "), params };
}

/** The same event, written on a raw pooled connection inside its transaction (the content route). */
export async function recordEventWith(client: PoolClient, e: EventInput): Promise<bigint> {
  const { columns, values, params } = eventInsert(e);
  // Named: PostgreSQL parses and plans it once per connection.
  const { rows } = await client.query<{ seq: string }>({ name: "custody-record-event", text: `INSERT INTO access_event (${columns}) VALUES (${values}) RETURNING seq`, values: params });
  return BigInt(rows[0]!.seq);
}

/**
 * Many events as one multi-row INSERT (at most 2,000, within PostgreSQL's 65,535 parameters),
 * each checked against its action's schema like recordEvent's. For batch jobs (the retention
 * sweep) whose events commit with the batch they record.
 */
export async function recordEvents(db: Db | Tx, events: readonly EventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  if (events.length > 2000) throw new Error("recordEvents: at most 2,000 events per statement");
  const params: unknown[] = [];
  const rows = events.map((e) => {
    const row = eventRow(e);
    return `(${INSERT_COLUMNS.map((c, i) => {
      const value = row[c.field];
      params.push(c.field === "details" && value !== null ? JSON.stringify(value) : value);
      return `$${params.length}${CASTS[i]!}`;
    }).join(", ")})`;
  });
  return db.$executeRawUnsafe(`INSERT INTO access_event (${COLUMN_LIST}) VALUES ${rows.join(", ")}`, ...params);
}
