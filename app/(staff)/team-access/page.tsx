import type { Metadata } from "next";
import Link from "next/link";
import { authorizePage } from "@/lib/auth/authorize";
import { historyParams, type PageSearchParams } from "@/lib/history/history-params";
import { teamAccessHistory } from "@/lib/history/team-access";
import { AccessRefused } from "@/components/access-refused";
import { AccessEventsTable } from "@/components/history/access-events-table";
import { HistoryTabs, historyHref } from "@/components/history/history-tabs";
import { TeamMemberFilter } from "@/components/history/team-member-filter";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Team access" };

// Operation "PAGE /team-access": leads only (lib/policy/operations.ts).
export default async function TeamAccessPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const { staff, refusal } = await authorizePage("PAGE /team-access");
  if (refusal) return <AccessRefused title="Team access" message={refusal.message} />;
  const { kind, cursor, member: memberId } = historyParams(await searchParams);
  const page = await teamAccessHistory(staff, { memberId, kind, cursor, limit: 100 });
  const member = page.members.find((m) => m.id === memberId);
  const filters = { member: member?.id };

  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-5">
      <div className="flex flex-col gap-1">
        <h1 className="text-base font-semibold">Team access</h1>
        <p className="text-[13px] text-zinc-600">
          What reviewers and leads read (how many messages, never the words), which grants they asked for and got, and what they were refused — the access log&apos;s
          entries for anyone who held the reviewer or lead role at the time. Auditors see the same entries.
        </p>
      </div>
      <TeamMemberFilter members={page.members} memberId={member?.id} kind={kind} />
      <section aria-labelledby="events-heading" className="flex flex-col gap-2">
        <h2 id="events-heading" className="text-[13px] font-semibold text-zinc-800">
          {member ? `Events by ${member.name}` : "Events by the team"}
        </h2>
        <HistoryTabs path="/team-access" kind={kind} filters={filters} />
        {page.events.length === 0 ? (
          <EmptyState title={cursor ? "No more events" : "No events of this kind"} />
        ) : (
          <AccessEventsTable caption={member ? `Access events by ${member.name}, newest first` : "The team's access events, newest first"} events={page.events} actors />
        )}
        <nav aria-label="Event pages" className="flex gap-4 text-[13px]">
          {cursor ? <Link href={historyHref("/team-access", kind, { filters })}>Newest events</Link> : null}
          {page.nextCursor ? <Link href={historyHref("/team-access", kind, { cursor: page.nextCursor, filters })}>Older events</Link> : null}
        </nav>
      </section>
    </div>
  );
}
