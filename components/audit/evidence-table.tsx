import Link from "next/link";
import type { LogEvent } from "@/lib/audit/anomalies/types";
import { formatUtc } from "../format";
import { caseNumber } from "../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { Dash } from "./dash";
import { OutcomeBadge } from "./outcome-badge";

/** The events behind a signal, each linking to its full record and inclusion proof. */
export function EvidenceTable({ caption, events, caseNumbers }: { caption: string; events: LogEvent[]; caseNumbers: Record<string, number> }) {
  return (
    <Table caption={caption} className="border-zinc-100">
      <THead>
        <Tr>
          <Th className="text-right">Seq</Th>
          <Th>Time (UTC)</Th>
          <Th>Action</Th>
          <Th>Outcome</Th>
          <Th>Denial reason</Th>
          <Th>Case</Th>
          <Th>Purpose</Th>
          <Th className="text-right">Accounts</Th>
        </Tr>
      </THead>
      <TBody>
        {events.map((e) => (
          <Tr key={e.seq}>
            <Td className="text-right font-mono text-xs tabular-nums">
              <Link href={`/audit/events/${e.seq}`}>{e.seq}</Link>
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <time dateTime={e.occurredAt.toISOString()}>{formatUtc(e.occurredAt.toISOString()).replace(" UTC", "")}</time>
            </Td>
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td>
              <OutcomeBadge outcome={e.outcome} />
            </Td>
            <Td className="font-mono text-xs">{e.denialReason ?? <Dash />}</Td>
            <Td className="font-mono text-xs">{e.caseId ? caseNumbers[e.caseId] !== undefined ? caseNumber(caseNumbers[e.caseId]!) : e.caseId.slice(0, 8) : <Dash />}</Td>
            <Td className="text-xs">{e.purpose ?? <Dash />}</Td>
            <Td className="text-right tabular-nums">{e.accountIds.length || <Dash />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
