import type { Metadata } from "next";
import Link from "next/link";
import type { AuditPage as AuditResults } from "@/lib/dto";
import { authorizePage } from "@/lib/auth/authorize";
import { searchAuditEvents } from "@/lib/audit/search-events";
import { ForbiddenError } from "@/lib/errors";
import { AUDIT_OUTCOMES, AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorNotice } from "@/components/ui/error-notice";

export const metadata: Metadata = { title: "Access log" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseValues(params: Awaited<SearchParams>): AuditFilterValues & { cursor?: string } {
  const outcome = one(params.outcome);
  const from = one(params.from);
  const to = one(params.to);
  return {
    actor: one(params.actor),
    action: one(params.action),
    outcome: AUDIT_OUTCOMES.find((o) => o === outcome),
    caseId: one(params.caseId),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    cursor: one(params.cursor),
  };
}

function auditHref(values: AuditFilterValues & { cursor?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/audit?${query}` : "/audit";
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff } = await authorizePage("PAGE /audit");
  const values = parseValues(await searchParams);
  const { cursor, ...filterValues } = values;

  let page: AuditResults;
  try {
    page = await searchAuditEvents(staff, {
      actor: values.actor,
      action: values.action,
      outcome: AUDIT_OUTCOMES.find((o) => o === values.outcome),
      caseId: values.caseId,
      // Date inputs give whole UTC days; the range covers both days completely.
      from: values.from ? `${values.from}T00:00:00.000Z` : undefined,
      to: values.to ? `${values.to}T23:59:59.999Z` : undefined,
      cursor,
      limit: 100,
    });
  } catch (error) {
    if (error instanceof ForbiddenError) {
      return (
        <div className="mx-auto max-w-3xl">
          <h1 className="mb-3 text-base font-semibold">Access log</h1>
          <ErrorNotice title="You do not have access to the access log." live={false} />
        </div>
      );
    }
    throw error;
  }

  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-3">
      <h1 className="text-base font-semibold">Access log</h1>
      <AuditFilters values={filterValues} />
      {page.items.length === 0 ? (
        <EmptyState title={cursor ? "No more events" : "No events match these filters"} />
      ) : (
        <AuditTable items={page.items} caseHref={(caseId) => auditHref({ caseId })} />
      )}
      <nav aria-label="Access log pages" className="flex gap-4 text-[13px]">
        {cursor ? <Link href={auditHref(filterValues)}>Newest events</Link> : null}
        {page.nextCursor ? <Link href={auditHref({ ...filterValues, cursor: page.nextCursor })}>Next page</Link> : null}
      </nav>
    </div>
  );
}
