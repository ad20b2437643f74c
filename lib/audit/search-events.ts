import "server-only";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import type { AuditEvent, AuditPage } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ForbiddenError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { can } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";

export type AuditFilters = {
  actor?: string;
  action?: string;
  outcome?: "ALLOWED" | "DENIED" | "FAILED";
  caseId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
};

function parseDate(s: string | undefined, endOfDay = false): Date | undefined {
  if (!s) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z` : s);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The access log, newest first, for auditors. Keyset pagination on the sequence number. */
export async function searchAuditEvents(staff: StaffContext, f: AuditFilters): Promise<AuditPage> {
  if (!can(staff.roles, "audit:read")) throw new ForbiddenError("ROLE", DENIAL_REASONS.ROLE);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 500);
  const cursor = f.cursor && /^\d{1,19}$/.test(f.cursor) ? BigInt(f.cursor) : undefined;
  const from = parseDate(f.from);
  const to = parseDate(f.to, true);
  const where: Prisma.AccessEventWhereInput = {
    ...(f.actor ? { actorEmail: { contains: f.actor.trim().toLowerCase() } } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(f.caseId ? (UUID_RE.test(f.caseId) ? { caseId: f.caseId } : { seq: -1n }) : {}),
    ...(from || to ? { occurredAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
    ...(cursor !== undefined ? { seq: { lt: cursor } } : {}),
  };
  const rows = await getDb().accessEvent.findMany({ where, orderBy: { seq: "desc" }, take: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    items: page.map(
      (r): AuditEvent => ({
        seq: r.seq.toString(),
        occurredAt: r.occurredAt.toISOString(),
        actor: { id: r.actorId, email: r.actorEmail, roles: r.actorRoles },
        action: r.action,
        outcome: r.outcome,
        denialReason: r.denialReason,
        caseId: r.caseId,
        conversationId: r.conversationId,
        accountIds: r.accountIds,
        messageIds: r.messageIds,
        purpose: r.purpose,
        justification: r.justification,
        grantId: r.grantId,
        requestId: r.requestId,
      }),
    ),
    nextCursor: rows.length > limit ? page[page.length - 1]!.seq.toString() : null,
  };
}
