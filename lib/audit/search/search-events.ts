import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { AuditEvent, AuditPage } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SelectedEventFields } from "@/lib/log/events/event-columns";
import { eventSelect } from "@/lib/log/events/event-rows";
import { decidePermission } from "@/lib/policy/permissions";
import { filterConditions, whereClause } from "./filter-sql";
import { recordLogSearch } from "./record-search";
import { resolveFilters } from "./resolve-filters";
import type { AuditFilters } from "./search-filters";

// The access log for auditors: every filter of the workspace, newest first, keyset-paginated.
// Order is (occurred_at, seq) descending — an auditor thinks in time, and it lets a filter
// and a date range share one index (docs/decisions/003-audit-search-order.md). The cursor is
// the last row's seq; its time is read back from the row, so microseconds are never lost.

const FIELDS = ["seq", "occurredAt", "actorId", "actorEmail", "actorRoles", "action", "outcome", "denialReason", "caseId", "conversationId", "accountIds", "messageIds", "purpose", "justification", "grantId", "requestId"] as const;
// The select list, from the one declaration of the event's columns, built once.
const SELECT = Prisma.raw(eventSelect(FIELDS));

type Row = SelectedEventFields<(typeof FIELDS)[number]> & { caseNumber: number | null };

export function assertAuditor(staff: StaffContext, permission: "audit:read" | "audit:export" = "audit:read") {
  const decision = decidePermission(staff.roles, permission);
  if (!decision.allow) throw new ForbiddenError(decision.reason, decision.message);
}

export const DEFAULT_PAGE_SIZE = 50;

/** One page of the search, itself logged as AUDIT_SEARCHED before it is returned (record-search.ts). */
export async function searchAuditEvents(staff: StaffContext, f: AuditFilters, meta?: RequestMeta): Promise<AuditPage> {
  assertAuditor(staff);
  const limit = f.limit ?? DEFAULT_PAGE_SIZE;
  const { filters, unmatched } = await resolveFilters(f);
  if (unmatched) {
    await recordLogSearch(staff, { filters: f, limit, returned: 0, more: false, unmatched }, meta);
    return { items: [], nextCursor: null, unmatched };
  }
  const conditions = filterConditions(filters);
  if (f.cursor) {
    // A cursor that names no event compares with NULL and yields an empty page, not an error.
    conditions.push(Prisma.sql`(e.occurred_at, e.seq) < (SELECT c.occurred_at, c.seq FROM access_event c WHERE c.seq = ${BigInt(f.cursor)})`);
  }
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT ${SELECT}, c.number AS "caseNumber"
    FROM (SELECT * FROM access_event e ${whereClause(conditions)} ORDER BY e.occurred_at DESC, e.seq DESC LIMIT ${limit + 1}) e
    LEFT JOIN "case" c ON c.id = e.case_id
    ORDER BY e.occurred_at DESC, e.seq DESC`;
  const page = rows.slice(0, limit);
  await recordLogSearch(staff, { filters: f, limit, returned: page.length, more: rows.length > limit, unmatched: null }, meta);
  return {
    items: page.map(toAuditEvent),
    nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null,
    unmatched: null,
  };
}

export function toAuditEvent({ actorId, actorEmail, actorRoles, occurredAt, ...r }: Row): AuditEvent {
  return { ...r, occurredAt: occurredAt.toISOString(), actor: { id: actorId, email: actorEmail, roles: actorRoles } };
}
