import Link from "next/link";
import type { LegalRequestRow } from "@/lib/legal/list-requests";
import { INSTRUMENT_LABELS } from "@/lib/policy/legal-basis";
import { formatUtc } from "../format";
import { Badge } from "../ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { STATUS_LABEL } from "./legal-labels";

/** The LEGAL queue: open requests first, soonest due first; an overdue one says so in words, not only colour. */
export function LegalRequestsTable({ requests }: { requests: LegalRequestRow[] }) {
  return (
    <Table caption="Legal requests">
      <THead>
        <Tr>
          <Th>Request</Th>
          <Th>Agency</Th>
          <Th>Instrument</Th>
          <Th>Status</Th>
          <Th>Due (UTC)</Th>
          <Th>Taken in by</Th>
        </Tr>
      </THead>
      <TBody>
        {requests.map((r) => (
          <Tr key={r.id} className={r.overdue ? "bg-red-50/60" : undefined}>
            <Td className="whitespace-nowrap">
              <Link href={`/legal/${r.id}`} className="font-medium">
                L-{r.number}
              </Link>{" "}
              <span className="text-zinc-600">{r.reference}</span>
            </Td>
            <Td>{r.authority}</Td>
            <Td>{INSTRUMENT_LABELS[r.instrument]}</Td>
            <Td>
              <Badge tone={r.status === "REJECTED" ? "danger" : r.status === "VERIFIED" || r.status === "APPROVED" ? "success" : "neutral"}>{STATUS_LABEL[r.status] ?? r.status}</Badge>
            </Td>
            <Td className="whitespace-nowrap tabular-nums">
              {formatUtc(r.dueAt.toISOString(), { seconds: false })}
              {r.overdue ? (
                <Badge tone="danger" className="ml-1.5">
                  Overdue
                </Badge>
              ) : null}
            </Td>
            <Td>{r.receivedBy}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
