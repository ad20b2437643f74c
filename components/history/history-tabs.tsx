import Link from "next/link";
import type { HistoryKind } from "@/lib/dto";
import { cx } from "../ui/cx";

const TABS: { kind: HistoryKind; label: string }[] = [
  { kind: "all", label: "All" },
  { kind: "reads", label: "Reads" },
  { kind: "grants", label: "Grants" },
  { kind: "denials", label: "Denials" },
];

/** A history page's address for a kind of event, a page cursor and any other filters (e.g. member). */
export function historyHref(path: string, kind: HistoryKind, opts: { cursor?: string; filters?: Record<string, string | undefined> } = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.filters ?? {})) if (v) params.set(k, v);
  if (kind !== "all") params.set("kind", kind);
  if (opts.cursor) params.set("cursor", opts.cursor);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Which kind of events to list (links, so it works without JavaScript); other filters are kept. */
export function HistoryTabs({ path, kind, filters }: { path: string; kind: HistoryKind; filters?: Record<string, string | undefined> }) {
  return (
    <nav aria-label="Event types">
      <ul className="flex w-fit gap-1 rounded-md border border-zinc-200 bg-white p-0.5">
        {TABS.map((tab) => (
          <li key={tab.kind}>
            <Link
              href={historyHref(path, tab.kind, { filters })}
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
