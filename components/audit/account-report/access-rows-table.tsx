import Link from "next/link";
import type { AccessRow } from "@/lib/audit/account-report/account-report";
import { formatUtc } from "../../format";
import { caseNumber } from "../../labels";
import { TBody, THead, Table, Td, Th, Tr } from "../../ui/table";
import { Dash } from "../dash";

/** Every access, newest first: when, who, what and the justification they gave. */
export function AccessRowsTable({ rows }: { rows: AccessRow[] }) {
  return (
    <Table caption="Each access to this account's messages, newest first">
      <THead>
        <Tr>
          <Th className="text-right">Seq</Th>
          <Th>Time (UTC)</Th>
          <Th>Staff member</Th>
          <Th>Action</Th>
          <Th>Purpose</Th>
          <Th>Justification</Th>
          <Th>Case</Th>
          <Th className="text-right">Msgs</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.seq}>
            <Td className="text-right font-mono text-xs tabular-nums">
              <Link href={`/audit/events/${r.seq}`}>{r.seq}</Link>
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap tabular-nums">
              <time dateTime={r.occurredAt.toISOString()}>{formatUtc(r.occurredAt.toISOString()).replace(" UTC", "")}</time>
            </Td>
            <Td>{r.actorEmail ?? <Dash />}</Td>
            <Td className="font-mono text-xs">{r.action}</Td>
            <Td className="text-xs whitespace-nowrap">{r.purpose ?? <Dash />}</Td>
            <Td className="max-w-96 text-xs">{r.justification ?? <Dash />}</Td>
            <Td className="font-mono text-xs">{r.caseNumber !== null ? caseNumber(r.caseNumber) : <Dash />}</Td>
            <Td className="text-right tabular-nums">{r.messages || <Dash />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
