import Link from "next/link";
import type { AnomalySignal } from "@/lib/audit/anomalies/types";
import { auditQueryString } from "@/lib/audit/search/search-filters";
import { formatUtcCompact } from "../format";
import { EvidenceTable } from "./evidence-table";

type Props = {
  id: string;
  title: string;
  description: string;
  signals: AnomalySignal[];
  caseNumbers: Record<string, number>;
  capped: boolean;
  /** How many signals to list; the rest sit behind `showAllHref`. */
  shown: number;
  showAllHref: string;
};

/**
 * One kind of anomaly: what it means, then each signal with its evidence behind a disclosure
 * (native <details>, so it opens with Enter or Space and needs no script).
 */
export function AnomalySection({ id, title, description, signals, caseNumbers, capped, shown, showAllHref }: Props) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-1.5">
      <h2 id={id} className="text-[13px] font-semibold text-zinc-800">
        {title} <span className="font-normal text-zinc-600">({signals.length})</span>
      </h2>
      <p className="text-[13px] text-zinc-600">{description}</p>
      {capped ? <p className="text-[13px] text-amber-900">More candidates than the page examines: narrow the window to see them all.</p> : null}
      {signals.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-3 py-2 text-[13px] text-zinc-600">None in this window.</p>
      ) : (
        <ul className="divide-y divide-zinc-100 rounded-md border border-zinc-200 bg-white">
          {signals.slice(0, shown).map((s) => (
            <li key={s.key} className="px-3 py-1.5">
              <details className="group">
                <summary className="flex cursor-pointer list-none flex-wrap items-baseline gap-x-3 text-[13px] [&::-webkit-details-marker]:hidden">
                  <span aria-hidden="true" className="inline-block w-2 text-zinc-500 transition-transform group-open:rotate-90">
                    ▸
                  </span>
                  <span className="font-medium text-zinc-900">{s.summary}</span>
                  <span className="text-zinc-600">{s.actor.email ?? "unknown actor"}</span>
                  <span className="text-zinc-500">
                    {s.evidenceCount} event{s.evidenceCount === 1 ? "" : "s"}
                  </span>
                  <span className="ml-auto font-mono text-xs text-zinc-600 tabular-nums">
                    <time dateTime={s.at.toISOString()}>latest {formatUtcCompact(s.at.toISOString())}</time>
                  </span>
                </summary>
                <div className="mt-1.5 flex flex-col gap-1.5 pb-1">
                  <EvidenceTable caption={`Evidence: ${s.summary}`} events={s.evidence} caseNumbers={caseNumbers} />
                  <p className="text-[13px]">
                    {s.evidenceCount > s.evidence.length ? `Showing ${s.evidence.length} of ${s.evidenceCount} events. ` : null}
                    <Link href={`/audit?${auditQueryString(s.filters)}`}>Open in the access log</Link>
                  </p>
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
      {signals.length > shown ? (
        <p className="text-[13px]">
          Showing the latest {shown} of {signals.length}. <Link href={showAllHref}>Show all {title.toLowerCase()}</Link>
        </p>
      ) : null}
    </section>
  );
}
