import Link from "next/link";
import type { UserNoticeTask } from "@/lib/legal/user-notices";
import { formatUtc } from "../format";
import { Badge } from "../ui/badge";
import { UserNoticeForm } from "./tracking-controls";

const utc = (d: Date) => formatUtc(d.toISOString(), { seconds: false });

/** Open "user notice due" tasks: a non-disclosure order has ended and the user must now be told. */
export function UserNoticesDue({ tasks }: { tasks: UserNoticeTask[] }) {
  if (tasks.length === 0) return null;
  return (
    <section aria-labelledby="notices-heading" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950">
      <h2 id="notices-heading" className="text-[13px] font-semibold">
        User notice due ({tasks.length})
      </h2>
      <p className="text-xs">The non-disclosure order of each request below has ended: tell the user their data was requested, then record how. Recording it is logged.</p>
      <ul className="flex flex-col gap-2">
        {tasks.map((t) => (
          <li key={t.id} className="flex flex-col gap-1 rounded border border-amber-200 bg-white px-2 py-1.5 text-[13px] text-zinc-900">
            <div className="flex flex-wrap items-baseline gap-2">
              <Link href={`/legal/${t.requestId}`} className="font-medium">
                L-{t.requestNumber}
              </Link>
              <span className="text-zinc-600">{t.reference}</span>
              <span>{t.authority}</span>
              <Badge tone="warning">Notice due since {utc(t.dueAt)}</Badge>
            </div>
            <UserNoticeForm noticeId={t.id} label={`L-${t.requestNumber}`} />
          </li>
        ))}
      </ul>
    </section>
  );
}
