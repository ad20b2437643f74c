import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { LogUnavailableError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { type EventInput, recordEvent } from "@/lib/log/events/record-event";
import { type AuditFilters, FILTER_KEYS, type FilterKey } from "./search-filters";

// Who watches the watchers: every look an auditor takes at the log (a page of the search, an
// account's access report) is itself an AUDIT_SEARCHED event, with the filters as given, so a
// later auditor can see who searched for whom. Written after the rows are read, so a search
// never finds itself, and before they are returned: a search that cannot be logged shows
// nothing. Pagination: every page is one event (each shows other rows); `cursor` is null on
// the first page, so "searches" are the events with a null cursor and the rest are pages.

export type SearchFilters = Partial<Record<FilterKey, string>>;

/** The filters that were set, by name, as the auditor gave them. */
export function givenFilters(f: Partial<Record<FilterKey, string | undefined>>): SearchFilters {
  const out: SearchFilters = {};
  for (const key of FILTER_KEYS) if (f[key] !== undefined && f[key] !== "") out[key] = f[key];
  return out;
}

/** Fails closed: a search nobody logged is not shown (503 LOG_UNAVAILABLE, never a bare 500). */
async function record(e: EventInput): Promise<void> {
  await recordEvent(getDb(), e).catch((error: unknown) => {
    console.error("audit search refused: its AUDIT_SEARCHED event could not be written", { error: error instanceof Error ? error.message : String(error) });
    throw new LogUnavailableError();
  });
}

export type LogSearch = { filters: AuditFilters; limit: number; returned: number; more: boolean; unmatched: string | null };

export async function recordLogSearch(staff: StaffContext, s: LogSearch, meta?: RequestMeta): Promise<void> {
  await record({
    actor: toActor(staff),
    action: "AUDIT_SEARCHED",
    outcome: "ALLOWED",
    details: { view: "log", filters: givenFilters(s.filters), cursor: s.filters.cursor ?? null, limit: s.limit, returned: s.returned, more: s.more, unmatched: s.unmatched },
    meta,
  });
}

export type ReportLookup = { filters: { account: string; from?: string; to?: string }; accountId: string | null; returned: number; total: number };

export async function recordReportLookup(staff: StaffContext, s: ReportLookup, meta?: RequestMeta): Promise<void> {
  await record({
    actor: toActor(staff),
    action: "AUDIT_SEARCHED",
    outcome: "ALLOWED",
    // The account looked up is named in the event's own column, so a search by account finds who looked at it.
    accountIds: s.accountId ? [s.accountId] : [],
    details: { view: "account-report", filters: givenFilters(s.filters), accountId: s.accountId, returned: s.returned, total: s.total },
    meta,
  });
}
