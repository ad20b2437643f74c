import type { Metadata } from "next";
import Link from "next/link";
import type { Category } from "@/lib/dto";
import { authorizePage } from "@/lib/auth/authorize";
import { listQueue } from "@/lib/cases/list-queue";
import { CATEGORIES } from "@/lib/policy/enums";
import { CATEGORY_LABEL } from "@/components/labels";
import { QueueFilters, queueHref, type QueueStatus } from "@/components/queue/queue-filters";
import { LiveQueue } from "@/components/queue/live-queue";
import { AccessRefused } from "@/components/access-refused";
import { Kbd } from "@/components/ui/kbd";



type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;

const STATUSES: readonly QueueStatus[] = ["open", "mine", "escalated"];
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseFilters(params: Awaited<SearchParams>) {
  const status = one(params.status);
  const category = one(params.category);
  const cursor = one(params.cursor);
  return {
    status: STATUSES.find((s) => s === status) ?? "open",
    category: CATEGORIES.find((c) => c === category),
    cursor: cursor || undefined,
  } satisfies { status: QueueStatus; category?: Category; cursor?: string };
}

const HEADINGS: Record<QueueStatus, string> = { open: "Open cases", mine: "My cases", escalated: "Escalated cases" };

/** "Queue" for the open cases; "My cases · Queue" or "Escalated cases · Queue" for the other views. */
export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { status } = parseFilters(await searchParams);
  return { title: status === "open" ? "Queue" : `${HEADINGS[status]} · Queue` };
}

export default async function QueuePage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /queue");
  if (refusal) return <AccessRefused title="Queue" message={`The review queue is for reviewers, leads and legal. ${refusal.message}`} />;
  const filters = parseFilters(await searchParams);
  const page = await listQueue(staff, { ...filters, limit: 50 });
  const caption = `${HEADINGS[filters.status]}${filters.category ? ` — ${CATEGORY_LABEL[filters.category]}` : ""}`;

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-base font-semibold">Queue</h1>
        <p className="text-xs text-zinc-600">
          <Kbd>j</Kbd> / <Kbd>k</Kbd> move, <Kbd>Enter</Kbd> opens, <Kbd>c</Kbd> claims, <Kbd>?</Kbd> all shortcuts
        </p>
      </div>
      <QueueFilters status={filters.status} category={filters.category} />
      <LiveQueue initial={page} filters={filters} caption={caption} />
      <nav aria-label="Queue pages" className="flex gap-4 text-[13px]">
        {filters.cursor ? <Link href={queueHref({ status: filters.status, category: filters.category })}>First page</Link> : null}
        {page.nextCursor ? (
          <Link href={queueHref({ status: filters.status, category: filters.category, cursor: page.nextCursor })}>Next page</Link>
        ) : null}
      </nav>
    </div>
  );
}
