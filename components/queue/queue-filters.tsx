import Link from "next/link";
import type { Category } from "@/lib/dto";
import { CATEGORIES } from "@/lib/policy/enums";
import { CATEGORY_LABEL } from "../labels";
import { buttonClasses } from "../ui/button-styles";
import { Select } from "../ui/controls";
import { cx } from "../ui/cx";

export type QueueStatus = "open" | "mine" | "escalated";

const TABS: { status: QueueStatus; label: string }[] = [
  { status: "open", label: "Open" },
  { status: "mine", label: "Mine" },
  { status: "escalated", label: "Escalated" },
];

export function queueHref(f: { status: QueueStatus; category?: Category; cursor?: string }): string {
  const params = new URLSearchParams();
  if (f.status !== "open") params.set("status", f.status);
  if (f.category) params.set("category", f.category);
  if (f.cursor) params.set("cursor", f.cursor);
  const query = params.toString();
  return query ? `/queue?${query}` : "/queue";
}

/** Status tabs (links) and a category filter (a plain GET form: works without JavaScript). */
export function QueueFilters({ status, category }: { status: QueueStatus; category?: Category }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <nav aria-label="Queue views">
        <ul className="flex gap-1 rounded-md border border-zinc-200 bg-white p-0.5">
          {TABS.map((tab) => {
            const current = tab.status === status;
            return (
              <li key={tab.status}>
                <Link
                  href={queueHref({ status: tab.status, category })}
                  aria-current={current ? "page" : undefined}
                  className={cx(
                    "block rounded px-3 py-1 text-[13px] font-medium no-underline hover:no-underline",
                    current ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100",
                  )}
                >
                  {tab.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <form method="get" action="/queue" className="flex items-center gap-2" aria-label="Filter queue">
        {status !== "open" ? <input type="hidden" name="status" value={status} /> : null}
        <label htmlFor="queue-category" className="text-[13px] font-medium text-zinc-800">
          Category
        </label>
        <Select id="queue-category" name="category" data-shortcut="search" defaultValue={category ?? ""}>
          <option value="">All categories</option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABEL[c]}
            </option>
          ))}
        </Select>
        <button type="submit" className={buttonClasses("secondary", "md")}>
          Apply
        </button>
      </form>
    </div>
  );
}
