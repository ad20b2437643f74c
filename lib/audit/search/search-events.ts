import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { AuditEvent, AuditPage } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { decidePermission } from "@/lib/policy/permissions";
import { filterConditions, whereClause } from "./filter-sql";
import { resolveFilters } from "./resolve-filters";
import type { AuditFilters } from "./search-filters";

// The access log for auditors: every filter of the workspace, newest first, keyset-paginated.
// Order is (occurred_at, seq) descending — an auditor thinks in time, and it lets a filter
// and a date range share one index (docs/decisions/003-audit-search-order.md). The cursor is
// the last row's seq; its time is read back from the row, so microseconds are never lost.

type Row = {
  seq: bigint;
  occurred_at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_roles: string[];
  action: string;
  outcome: AuditEvent["outcome"];
  denial_reason: string | null;
  case_id: string | null;
  case_number: number | null;
  conversation_id: string | null;
  account_ids: string[];
  message_ids: string[];
  purpose: string | null;
  justification: string | null;
  grant_id: string | null;
  request_id: string | null;
};

export function assertAuditor(staff: StaffContext, permission: "audit:read" | "audit:export" = "audit:read") {
  const decision = decidePermission(staff.roles, permission);
  if (!decision.allow) throw new ForbiddenError(decision.reason, decision.message);
}

export const DEFAULT_PAGE_SIZE = 50;

export async function searchAuditEvents(staff: StaffContext, f: AuditFilters): Promise<AuditPage> {
  assertAuditor(staff);
  const { filters, unmatched } = await resolveFilters(f);
  if (unmatched) return { items: [], nextCursor: null, unmatched };
  const limit = f.limit ?? DEFAULT_PAGE_SIZE;
  const conditions = filterConditions(filters);
  if (f.cursor) {
    // A cursor that names no event compares with NULL and yields an empty page, not an error.
    conditions.push(Prisma.sql`(e.occurred_at, e.seq) < (SELECT c.occurred_at, c.seq FROM access_event c WHERE c.seq = ${BigInt(f.cursor)})`);
  }
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT e.seq, e.occurred_at, e.actor_id::text, e.actor_email, e.actor_roles, e.action, e.outcome::text AS outcome,
      e.denial_reason, e.case_id::text, c.number AS case_number, e.conversation_id::text, e.account_ids, e.message_ids,
      e.purpose, e.justification, e.grant_id::text, e.request_id
    FROM (SELECT * FROM access_event e ${whereClause(conditions)} ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${limit + 1}) e
    LEFT JOIN "case" c ON c.id = e.case_id
    ORDER BY e.occurred_at DESC, e.seq DESC`;
  const page = rows.slice(0, limit);
  return {
    items: page.map(toAuditEvent),
    nextCursor: rows.length > limit ? page[page.length - 1]!.seq.toString() : null,
    unmatched: null,
  };
}

export function toAuditEvent(r: Row): AuditEvent {
  return {
    seq: r.seq.toString(),
    occurredAt: r.occurred_at.toISOString(),
    actor: { id: r.actor_id, email: r.actor_email, roles: r.actor_roles },
    action: r.action,
    outcome: r.outcome,
    denialReason: r.denial_reason,
    caseId: r.case_id,
    caseNumber: r.case_number,
    conversationId: r.conversation_id,
    accountIds: r.account_ids,
    messageIds: r.message_ids,
    purpose: r.purpose,
    justification: r.justification,
    grantId: r.grant_id,
    requestId: r.request_id,
  };
}
