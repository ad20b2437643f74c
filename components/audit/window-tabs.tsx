import Link from "next/link";
import { cx } from "@/components/ui/cx";

/** The "7 / 30 / 90 days" switch the auditor's activity and anomaly pages share. */
export function WindowTabs({ basePath, windows, current }: { basePath: string; windows: readonly number[]; current: number }) {
  return (
    <nav aria-label="Time window">
      <ul className="flex gap-1 rounded-md border border-zinc-200 bg-white p-0.5">
        {windows.map((d) => (
          <li key={d}>
            <Link
              href={`${basePath}?days=${d}`}
              aria-current={d === current ? "page" : undefined}
              className={cx("block rounded px-2.5 py-0.5 text-[13px] no-underline hover:no-underline", d === current ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100")}
            >
              {d} days
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
