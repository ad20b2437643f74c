import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { authorizePage } from "@/lib/auth/authorize";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { searchAuditEvents } from "@/lib/audit/search/search-events";
import { FILTER_KEYS, auditQueryString, hasFilters, parseAuditFilters } from "@/lib/audit/search/search-filters";
import { staffEmailsForAudit } from "@/lib/audit/search/staff-directory";
import { AccessRefused } from "@/components/access-refused";
import { AuditFilters, type AuditFilterErrors, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { ExportLinks } from "@/components/audit/export-links";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";

export const metadata: Metadata = { title: "Access log" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

const PAGE_SIZE = 100;

/** What the form shows: the raw text of each filter, valid or not, so a mistake can be fixed. */
function rawValues(params: Awaited<SearchParams>): AuditFilterValues {
  const out: AuditFilterValues = {};
  for (const key of FILTER_KEYS) {
    const v = params[key] ?? (key === "case" ? params.caseId : undefined);
    const s = (Array.isArray(v) ? v[0] : v)?.trim();
    if (s) out[key] = s;
  }
  return out;
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /audit");
  if (refusal) return <AccessRefused title="Access log" message={refusal.message} />;
  const params = await searchParams;
  const values = rawValues(params);
  const parsed = parseAuditFilters(params);
  const staffEmails = await staffEmailsForAudit(staff);

  if (!parsed.success) {
    const errors: AuditFilterErrors = {};
    for (const issue of parsed.error.issues) {
      const key = FILTER_KEYS.find((k) => k === issue.path[0]);
      if (key) errors[key] ??= issue.message;
    }
    return (
      <>
        <h1 className="text-base font-semibold">Access log</h1>
        <AuditFilters values={values} errors={errors} staffEmails={staffEmails} />
        <ErrorNotice title="Some filters are not valid" live={false}>
          Fix the marked fields and filter again.
        </ErrorNotice>
      </>
    );
  }

  const { cursor, ...filters } = parsed.data;
  const page = await searchAuditEvents(staff, { ...filters, cursor, limit: PAGE_SIZE }, requestMetaFrom(await headers()));
  const query = auditQueryString(values);
  const href = (extra: Record<string, string>) => {
    const q = auditQueryString({ ...values, ...extra });
    return q ? `/audit?${q}` : "/audit";
  };

  return (
    <>
      <h1 className="text-base font-semibold">Access log</h1>
      <AuditFilters values={values} staffEmails={staffEmails} />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" className="text-[13px] text-zinc-600">
          {page.unmatched ??
            (page.items.length === 0
              ? "No events."
              : `${page.items.length}${page.nextCursor ? "+" : ""} ${page.items.length === 1 && !page.nextCursor ? "event" : "events"}${hasFilters(values) ? (page.items.length === 1 && !page.nextCursor ? " matches" : " match") : ""}, newest first${cursor ? " (older page)" : ""}.`)}
        </p>
        <ExportLinks query={query} />
      </div>
      {page.items.length === 0 ? (
        <EmptyState title={page.unmatched ?? (cursor ? "No more events" : "No events match these filters")} />
      ) : (
        <AuditTable items={page.items} caseHref={(e) => href({ case: e.caseNumber !== null ? String(e.caseNumber) : e.caseId! })} />
      )}
      <nav aria-label="Access log pages" className="flex gap-4 text-[13px]">
        {cursor ? <Link href={href({})}>Newest events</Link> : null}
        {page.nextCursor ? <Link href={href({ cursor: page.nextCursor })}>Older events</Link> : null}
      </nav>
    </>
  );
}
