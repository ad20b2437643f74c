import "server-only";
import type { PoolClient } from "pg";
import type { Db, Tx } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { Action } from "./actions";
import { loggableDetails, loggableText } from "./loggable-text";

// Writes one access-log event. Callers pass the transaction that carries the change being
// recorded, so the event and the change commit or fail together. Errors propagate: an
// access log that swallows its own write failures is a security bug.

export type Actor = { id: string; email: string; roles: readonly string[] };

export type EventInput = {
  actor: Actor | null;
  action: Action;
  outcome: "ALLOWED" | "DENIED" | "FAILED";
  denialReason?: string;
  caseId?: string;
  conversationId?: string;
  accountIds?: readonly string[];
  messageIds?: readonly string[];
  purpose?: string;
  justification?: string;
  grantId?: string;
  details?: Record<string, unknown>;
  meta?: RequestMeta;
};

function eventRow(e: EventInput) {
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
      details: e.details ? (loggableDetails(e.details) as Record<string, unknown>) : null,
  };
}

export async function recordEvent(db: Db | Tx, e: EventInput): Promise<bigint> {
  const { details, ...rest } = eventRow(e);
  const row = await db.accessEvent.create({ data: { ...rest, details: (details ?? undefined) as never }, select: { seq: true } });
  return row.seq;
}

const EVENT_COLUMNS = [
  "actor_id", "actor_email", "actor_roles", "action", "outcome", "denial_reason", "case_id", "conversation_id",
  "account_ids", "message_ids", "purpose", "justification", "grant_id", "request_id", "ip_hmac", "user_agent", "details",
] as const;
type EventColumn = (typeof EVENT_COLUMNS)[number];

/**
 * One event as the column list, value expressions ($1…$n) and parameters of an INSERT into
 * access_event, for statements that write the event together with other work. `computed`
 * replaces a column's parameter with an SQL expression (the content route derives the
 * revealed message ids from the rows it reads in the same statement).
 */
export function eventInsert(e: EventInput, computed: Partial<Record<EventColumn, string>> = {}): { columns: string; values: string; params: unknown[] } {
  const r = eventRow(e);
  const byColumn: Record<EventColumn, unknown> = {
    actor_id: r.actorId,
    actor_email: r.actorEmail,
    actor_roles: r.actorRoles,
    action: r.action,
    outcome: r.outcome,
    denial_reason: r.denialReason,
    case_id: r.caseId,
    conversation_id: r.conversationId,
    account_ids: r.accountIds,
    message_ids: r.messageIds,
    purpose: r.purpose,
    justification: r.justification,
    grant_id: r.grantId,
    request_id: r.requestId,
    ip_hmac: r.ipHmac,
    user_agent: r.userAgent,
    details: r.details === null ? null : JSON.stringify(r.details),
  };
  const params: unknown[] = [];
  const values = EVENT_COLUMNS.map((c) => {
    if (computed[c]) return computed[c];
    params.push(byColumn[c]);
    const p = `$${params.length}`;
    return c === "outcome" ? `${p}::"EventOutcome"` : c === "actor_id" || c === "case_id" || c === "conversation_id" || c === "grant_id" ? `${p}::uuid` : c === "details" ? `${p}::jsonb` : c.endsWith("_ids") || c === "actor_roles" ? `${p}::text[]` : `${p}::text`;
  });
  return { columns: EVENT_COLUMNS.join(", "), values: values.join(", "), params };
}

/** The same event, written on a raw pooled connection inside its transaction (the content route). */
export async function recordEventWith(client: PoolClient, e: EventInput): Promise<bigint> {
  const { columns, values, params } = eventInsert(e);
  // Named: PostgreSQL parses and plans it once per connection.
  const { rows } = await client.query<{ seq: string }>({ name: "custody-record-event", text: `INSERT INTO access_event (${columns}) VALUES (${values}) RETURNING seq`, values: params });
  return BigInt(rows[0]!.seq);
}
