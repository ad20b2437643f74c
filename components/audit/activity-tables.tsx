import Link from "next/link";
import type { DayCounts } from "@/lib/audit/activity/chart-scale";
import type { ReaderTotal } from "@/lib/audit/activity/read-activity";
import { auditQueryString } from "@/lib/audit/search/search-filters";
import type { Purpose } from "@/lib/dto";
import { PURPOSE_LABEL } from "../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";

const n = (v: number) => v.toLocaleString("en");
const ABBR: Record<Purpose, string> = { USER_REPORT: "Report", PROACTIVE_FLAG: "Flag", LEGAL_PROCESS: "Legal", EMERGENCY: "Emerg.", APPEAL: "Appeal" };

/**
 * The numbers behind the daily chart, newest day first. It scrolls inside its own box (a
 * focusable, labelled region, so keyboard users can scroll it too).
 */
export function DayPurposeTable({ days, purposes }: { days: DayCounts<Purpose>[]; purposes: readonly Purpose[] }) {
  return (
    <div role="region" aria-label="Reads per day, table" tabIndex={0} className="max-h-80 overflow-y-auto rounded-md">
      <Table caption="Reads per day by purpose (UTC days, newest first)">
        <THead>
          <Tr>
            <Th className="sticky top-0 bg-zinc-50">Day</Th>
            {purposes.map((p) => (
              <Th key={p} className="sticky top-0 bg-zinc-50 text-right">
                <abbr title={PURPOSE_LABEL[p]} className="no-underline">
                  {ABBR[p]}
                </abbr>
              </Th>
            ))}
            <Th className="sticky top-0 bg-zinc-50 text-right">Total</Th>
          </Tr>
        </THead>
        <TBody>
          {[...days].reverse().map((d) => (
            <Tr key={d.day}>
              <Th scope="row" className="font-mono text-xs font-normal">
                <Link href={`/audit?${auditQueryString({ action: "CONTENT_READ", outcome: "ALLOWED", from: d.day, to: d.day })}`}>{d.day}</Link>
              </Th>
              {purposes.map((p) => (
                <Td key={p} className="text-right tabular-nums">
                  {d.counts[p] ? n(d.counts[p]) : <span className="text-zinc-400">0</span>}
                </Td>
              ))}
              <Td className="text-right font-medium tabular-nums">{n(d.total)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

export function TopReadersTable({ readers, totalReads, from, to }: { readers: ReaderTotal[]; totalReads: number; from: string; to: string }) {
  return (
    <Table caption="Top readers by number of reads">
      <THead>
        <Tr>
          <Th className="text-right">#</Th>
          <Th>Reader</Th>
          <Th className="text-right">Reads</Th>
          <Th className="text-right">Share</Th>
          <Th className="text-right">Cases</Th>
        </Tr>
      </THead>
      <TBody>
        {readers.map((r, i) => (
          <Tr key={r.actorId}>
            <Td className="text-right text-zinc-500 tabular-nums">{i + 1}</Td>
            <Th scope="row" className="font-normal">
              <Link href={`/audit?${auditQueryString({ actor: r.actorId, action: "CONTENT_READ", outcome: "ALLOWED", from, to })}`}>{r.email}</Link>
            </Th>
            <Td className="text-right tabular-nums">{n(r.reads)}</Td>
            <Td className="text-right tabular-nums">{totalReads ? `${((100 * r.reads) / totalReads).toFixed(1)}%` : "—"}</Td>
            <Td className="text-right tabular-nums">{n(r.cases)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
