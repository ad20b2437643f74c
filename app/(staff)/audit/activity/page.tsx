import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { readActivity } from "@/lib/audit/activity/read-activity";
import { PURPOSES } from "@/lib/policy/purposes";
import { AccessRefused } from "@/components/access-refused";
import { DayPurposeTable, TopReadersTable } from "@/components/audit/activity-tables";
import { ReaderBarChart } from "@/components/audit/charts/reader-bar-chart";
import { StackedDayChart } from "@/components/audit/charts/stacked-day-chart";
import { WindowTabs } from "@/components/audit/window-tabs";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Read activity" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;
const WINDOWS = [7, 30, 90] as const;
const n = (v: number) => v.toLocaleString("en");

export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /audit/activity");
  if (refusal) return <AccessRefused title="Read activity" message={refusal.message} />;
  const raw = (await searchParams).days;
  const days = WINDOWS.find((d) => String(d) === (Array.isArray(raw) ? raw[0] : raw)) ?? 30;
  const a = await readActivity(staff, { days });
  const busiest = a.days.reduce((b, d) => (d.total > b.total ? d : b), a.days[0]!);
  const daySummary = `${n(a.totalReads)} reads from ${a.from} to ${a.to}; the busiest day was ${busiest.day} with ${n(busiest.total)}. The table beside the chart lists every day.`;
  const top = a.topReaders[0];
  const readerSummary = top ? `${a.readers} readers; the most reads were by ${top.email} (${n(top.reads)}). The table beside the chart lists the top ${a.topReaders.length}.` : "No reads.";

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">Read activity</h1>
          <p className="text-[13px] text-zinc-600">
            Allowed content reads from {a.from} to {a.to} (UTC): {n(a.totalReads)} read{a.totalReads === 1 ? "" : "s"} by {a.readers} reader{a.readers === 1 ? "" : "s"}.
          </p>
        </div>
        <WindowTabs basePath="/audit/activity" windows={WINDOWS} current={days} />
      </div>
      {a.totalReads === 0 ? (
        <EmptyState title="No reads in this window" />
      ) : (
        <>
          <section aria-labelledby="per-day" className="flex flex-col gap-2">
            <h2 id="per-day" className="text-[13px] font-semibold text-zinc-800">
              Reads per day by purpose
            </h2>
            <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <div className="rounded-md border border-zinc-200 bg-white p-3">
                <StackedDayChart id="reads-per-day" days={a.days} purposes={PURPOSES} summary={daySummary} />
              </div>
              <DayPurposeTable days={a.days} purposes={PURPOSES} />
            </div>
          </section>
          <section aria-labelledby="top-readers" className="flex flex-col gap-2">
            <h2 id="top-readers" className="text-[13px] font-semibold text-zinc-800">
              Top readers
            </h2>
            <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <div className="rounded-md border border-zinc-200 bg-white p-3">
                <ReaderBarChart id="top-readers-chart" readers={a.topReaders} summary={readerSummary} />
              </div>
              <TopReadersTable readers={a.topReaders} totalReads={a.totalReads} from={a.from} to={a.to} />
            </div>
          </section>
        </>
      )}
    </>
  );
}
