import Link from "next/link";
import type { HistoryKind } from "@/lib/dto";
import { cx } from "../ui/cx";

const TABS: { kind: HistoryKind; label: string }[] = [
  { kind: "all", label: "All" },
  { kind: "reads", label: "Reads" },
  { kind: "grants", label: "Grants" },
  { kind: "denials", label: "Denials" },
];

export function historyHref(kind: HistoryKind, cursor?: string): string {
  const params = new URLSearchParams();
  if (kind !== "all") params.set("kind", kind);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/my-access?${query}` : "/my-access";
}

/** Which of one's own events to list (links, so it works without JavaScript). */
export function HistoryTabs({ kind }: { kind: HistoryKind }) {
  return (
    <nav aria-label="Event types">
      <ul className="flex w-fit gap-1 rounded-md border border-zinc-200 bg-white p-0.5">
        {TABS.map((tab) => (
          <li key={tab.kind}>
            <Link
              href={historyHref(tab.kind)}
              aria-current={tab.kind === kind ? "page" : undefined}
              className={cx(
                "block rounded px-3 py-1 text-[13px] font-medium no-underline hover:no-underline",
                tab.kind === kind ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100",
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
