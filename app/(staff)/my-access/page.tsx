import type { Metadata } from "next";
import Link from "next/link";
import { authorizePage } from "@/lib/auth/authorize";
import { historyParams, type PageSearchParams } from "@/lib/history/history-params";
import { myAccessHistory } from "@/lib/history/my-access";
import { AccessRefused } from "@/components/access-refused";
import { HistoryTabs, historyHref } from "@/components/history/history-tabs";
import { AccessEventsTable } from "@/components/history/access-events-table";
import { MyGrantsTable } from "@/components/history/my-grants-table";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "My access" };

export default async function MyAccessPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { staff, refusal } = await authorizePage("PAGE /my-access");
  if (refusal) return <AccessRefused title="My access" message={refusal.message} />;
  const { kind, cursor } = historyParams(await searchParams);
  const page = await myAccessHistory(staff, { kind, cursor, limit: 100 });

  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-base font-semibold">My access</h1>
        <p className="text-[13px] text-zinc-600">Everything the access log holds about what you did: reads with how many messages, grant requests and their outcomes, and refusals. Auditors see the same entries.</p>
      </div>
      {cursor ? null : (
        <section aria-labelledby="grants-heading" className="flex flex-col gap-2">
          <h2 id="grants-heading" className="text-[13px] font-semibold text-zinc-800">
            My grants <span className="font-normal text-zinc-600">(latest {page.grants.length})</span>
          </h2>
          {page.grants.length === 0 ? <EmptyState title="You have not requested any access" /> : <MyGrantsTable grants={page.grants} />}
        </section>
      )}
      <section aria-labelledby="events-heading" className="flex flex-col gap-2">
        <h2 id="events-heading" className="text-[13px] font-semibold text-zinc-800">
          My events
        </h2>
        <HistoryTabs path="/my-access" kind={kind} />
        {page.events.length === 0 ? <EmptyState title={cursor ? "No more events" : "No events of this kind"} /> : <AccessEventsTable caption="My access events, newest first" events={page.events} />}
        <nav aria-label="Event pages" className="flex gap-4 text-[13px]">
          {cursor ? <Link href={historyHref("/my-access", kind)}>Newest events</Link> : null}
          {page.nextCursor ? <Link href={historyHref("/my-access", kind, { cursor: page.nextCursor })}>Older events</Link> : null}
        </nav>
      </section>
    </div>
  );
}
