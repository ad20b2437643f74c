import Link from "next/link";
import type { MyAccessEvent, TeamAccessEvent } from "@/lib/dto";
import { caseNumber } from "../labels";
import { OutcomeBadge } from "../audit/outcome-badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { LocalTime } from "../ui/local-time";

/**
 * Access events exactly as the log recorded them: one's own, or (with `actors`) the team's,
 * each with who caused it.
 */
export function AccessEventsTable({ events, caption, actors = false }: { events: (MyAccessEvent & Partial<Pick<TeamAccessEvent, "actor">>)[]; caption: string; actors?: boolean }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th className="text-right">Seq</Th>
          <Th>Time</Th>
          {actors ? <Th>Staff</Th> : null}
          <Th>Action</Th>
          <Th>Outcome</Th>
          <Th>Case</Th>
          <Th className="text-right">Messages</Th>
          <Th>Purpose</Th>
          <Th>Justification</Th>
        </Tr>
      </THead>
      <TBody>
        {events.map((e) => (
          <Tr key={e.seq}>
            <Td className="text-right font-mono text-xs tabular-nums">{e.seq}</Td>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <LocalTime iso={e.occurredAt} />
            </Td>
            {actors ? <Td className="text-xs whitespace-nowrap">{e.actor?.email ?? <span className="text-zinc-500">—</span>}</Td> : null}
            <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
            <Td>
              <OutcomeBadge outcome={e.outcome} />
              {e.denialReason ? <span className="block text-xs text-zinc-700">{e.denialReason}</span> : null}
            </Td>
            <Td className="whitespace-nowrap">{e.caseId ? <Link href={`/cases/${e.caseId}`}>{e.caseNumber !== null ? caseNumber(e.caseNumber) : "case"}</Link> : <span className="text-zinc-500">—</span>}</Td>
            <Td className="text-right tabular-nums">{e.messageCount || <span className="text-zinc-500">—</span>}</Td>
            <Td className="text-xs whitespace-nowrap">{e.purpose ?? <span className="text-zinc-500">—</span>}</Td>
            <Td className="max-w-72">
              {e.justification ? (
                <span className="block truncate text-xs" title={e.justification}>
                  {e.justification}
                </span>
              ) : (
                <span className="text-zinc-500">—</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
