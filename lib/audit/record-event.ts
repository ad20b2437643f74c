import "server-only";
import type { PoolClient } from "pg";
import type { Db, Tx } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import type { Action } from "./actions";

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
      justification: e.justification ?? null,
      grantId: e.grantId ?? null,
      requestId: e.meta?.requestId ?? null,
      ipHmac: e.meta?.ipHmac ?? null,
      userAgent: e.meta?.userAgent ?? null,
      details: e.details ?? null,
  };
}

export async function recordEvent(db: Db | Tx, e: EventInput): Promise<bigint> {
  const { details, ...rest } = eventRow(e);
  const row = await db.accessEvent.create({ data: { ...rest, details: (details ?? undefined) as never }, select: { seq: true } });
  return row.seq;
}

/** The same event, written on a raw pooled connection inside its transaction (the content route). */
export async function recordEventWith(client: PoolClient, e: EventInput): Promise<bigint> {
  const r = eventRow(e);
  const { rows } = await client.query<{ seq: string }>(
    `INSERT INTO access_event (actor_id, actor_email, actor_roles, action, outcome, denial_reason, case_id, conversation_id,
       account_ids, message_ids, purpose, justification, grant_id, request_id, ip_hmac, user_agent, details)
     VALUES ($1, $2, $3, $4, $5::"EventOutcome", $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING seq`,
    [r.actorId, r.actorEmail, r.actorRoles, r.action, r.outcome, r.denialReason, r.caseId, r.conversationId, r.accountIds, r.messageIds, r.purpose, r.justification, r.grantId, r.requestId, r.ipHmac, r.userAgent, r.details === null ? null : JSON.stringify(r.details)],
  );
  return BigInt(rows[0]!.seq);
}
