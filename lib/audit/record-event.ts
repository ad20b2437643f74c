import "server-only";
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

export async function recordEvent(db: Db | Tx, e: EventInput): Promise<bigint> {
  const row = await db.accessEvent.create({
    data: {
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
      details: (e.details ?? undefined) as never,
    },
    select: { seq: true },
  });
  return row.seq;
}
