import type { Metadata } from "next";
import { headers } from "next/headers";
import { authorizePage } from "@/lib/auth/authorize";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { accountAccessReport } from "@/lib/audit/account-report/account-report";
import { auditFilterSchema } from "@/lib/audit/search/search-filters";
import { AccessRefused } from "@/components/access-refused";
import { AccessRowsTable } from "@/components/audit/account-report/access-rows-table";
import { AccountLookupForm } from "@/components/audit/account-report/account-lookup-form";
import { ReadersTable } from "@/components/audit/account-report/readers-table";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button-styles";
import { EmptyState } from "@/components/ui/empty-state";

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** The title names the account asked about, as typed: the lookup itself is logged once, by the page. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const account = one((await searchParams).account)?.slice(0, 60);
  return { title: account ? `${account.startsWith("@") ? account : `@${account}`} · Account access report` : "Account access report" };
}
const validDate = (s: string | undefined) => (s && auditFilterSchema.shape.from.safeParse(s).success ? s : undefined);

export default async function AccountReportPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /audit/accounts");
  if (refusal) return <AccessRefused title="Account access report" message={refusal.message} />;
  const params = await searchParams;
  const account = one(params.account)?.slice(0, 200);
  const from = validDate(one(params.from));
  const to = validDate(one(params.to));
  const report = account ? await accountAccessReport(staff, { account, from, to }, requestMetaFrom(await headers())) : null;
  const csvHref = `/api/v1/audit/account-report?${new URLSearchParams(Object.entries({ account, from, to }).filter((e): e is [string, string] => !!e[1])).toString()}`;

  return (
    <>
      <div>
        <h1 className="text-base font-semibold">Account access report</h1>
        <p className="text-[13px] text-zinc-600">
          Everyone who read a platform account&apos;s direct messages — when, under which purpose and with what justification. The answer to a data-subject access request. It never
          shows message content.
        </p>
      </div>
      <AccountLookupForm account={account} from={from} to={to} error={account && !report ? `No platform account matches “${account}”.` : undefined} />
      {!account ? null : !report ? null : (
        <>
          <section aria-labelledby="report-account" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-zinc-200 bg-white px-3 py-2">
            <div className="flex flex-col gap-0.5">
              <h2 id="report-account" className="flex items-center gap-2 text-[15px] font-semibold">
                @{report.account.handle}
                {report.account.protectedKind ? <Badge tone="warning">Protected: {report.account.protectedKind}</Badge> : null}
              </h2>
              <p className="font-mono text-xs text-zinc-600">
                id {report.account.id}
                {report.account.externalId ? ` · platform id ${report.account.externalId}` : ""}
                {report.account.dataRegion ? ` · data region ${report.account.dataRegion}` : ""} · {report.account.conversations} conversations
              </p>
            </div>
            <div className="flex items-center gap-3">
              <p role="status" className="text-[13px] text-zinc-700">
                {report.total === 0
                  ? "No one has accessed this account's messages" + (from || to ? " in this period." : ".")
                  : `${report.total} access${report.total === 1 ? "" : "es"} by ${report.readers.length} staff member${report.readers.length === 1 ? "" : "s"}${from || to ? " in this period" : ""}: ${report.totals.messages} message${report.totals.messages === 1 ? "" : "s"} revealed, ${report.totals.distinctMessages} distinct${report.truncated ? ` (latest ${report.rows.length} accesses)` : ""}.`}
              </p>
              {report.total > 0 ? (
                <a href={csvHref} download className={buttonClasses("secondary", "sm")}>
                  Download CSV
                </a>
              ) : null}
            </div>
          </section>
          {report.total === 0 ? (
            <EmptyState title="Nothing to report">The access log holds no read, identity reveal or disclosure export involving this account.</EmptyState>
          ) : (
            <>
              <section aria-labelledby="readers" className="flex flex-col gap-1.5">
                <h2 id="readers" className="text-[13px] font-semibold text-zinc-800">
                  Who
                </h2>
                <ReadersTable readers={report.readers} />
              </section>
              <section aria-labelledby="accesses" className="flex flex-col gap-1.5">
                <h2 id="accesses" className="text-[13px] font-semibold text-zinc-800">
                  Every access {report.truncated ? <span className="font-normal text-zinc-600">(latest {report.rows.length} of {report.total}; narrow the dates to see the rest)</span> : null}
                </h2>
                <AccessRowsTable rows={report.rows} />
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
