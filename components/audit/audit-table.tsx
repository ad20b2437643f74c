import Link from "next/link";
import type { AuditEvent } from "@/lib/dto";
import { shortId } from "../format";
import { caseNumber } from "../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { Dash } from "./dash";
import { OutcomeBadge } from "./outcome-badge";
import { LocalTime } from "../ui/local-time";

/** The access log, one row per event, exactly as recorded (times in the viewer's zone, UTC on hover). */
export function AuditTable({ items, caseHref }: { items: AuditEvent[]; caseHref: (e: AuditEvent) => string }) {
  return (
    <Table caption="Access log events, newest first">
      <THead>
        <Tr>
          <Th className="text-right">Seq</Th>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Outcome</Th>
          <Th>Denial reason</Th>
          <Th>Case</Th>
          <Th className="text-right">
            <abbr title="Messages revealed" className="no-underline">
              Msgs
            </abbr>
          </Th>
          <Th>Purpose</Th>
          <Th>Justification</Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((e) => (
          <Tr key={e.seq}>
            <Td className="text-right font-mono text-xs tabular-nums">
              <Link href={`/audit/events/${e.seq}`} aria-label={`Event ${e.seq}: details and inclusion proof`}>
                {e.seq}
              </Link>
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <LocalTime iso={e.occurredAt} />
            </Td>
            <Td>
              <span className="block">{e.actor.email ?? <span className="text-zinc-500">Unknown actor</span>}</span>
              {e.actor.roles.length > 0 ? <span className="block text-xs text-zinc-600">{e.actor.roles.join(", ")}</span> : null}
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
            <Td>
              <OutcomeBadge outcome={e.outcome} />
            </Td>
            <Td className="max-w-56 text-xs break-words">{e.denialReason ?? <Dash />}</Td>
            <Td className="font-mono text-xs whitespace-nowrap">
              {e.caseId ? (
                <Link href={caseHref(e)} title={`Show only events for case ${e.caseId}`}>
                  {e.caseNumber !== null ? caseNumber(e.caseNumber) : shortId(e.caseId)}
                </Link>
              ) : (
                <Dash />
              )}
            </Td>
            <Td className="text-right tabular-nums">{e.messageIds.length || <Dash />}</Td>
            <Td className="text-xs whitespace-nowrap">{e.purpose ?? <Dash />}</Td>
            <Td className="max-w-64">
              {e.justification ? (
                <span className="block truncate text-xs" title={e.justification}>
                  {e.justification}
                </span>
              ) : (
                <Dash />
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
