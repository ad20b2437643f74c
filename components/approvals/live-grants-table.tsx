import type { LiveGrantItem } from "@/lib/dto";
import { PURPOSE_LABEL, caseNumber } from "../labels";
import { Countdown } from "../ui/countdown";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { CaseCell, PersonCell } from "./cells";
import { NoteAction } from "./note-action";

/** Grants that can open content right now, soonest to expire first; a lead may revoke any of them. */
export function LiveGrantsTable({ items }: { items: LiveGrantItem[] }) {
  return (
    <Table caption="Live grants, soonest to expire first">
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Holder</Th>
          <Th>Purpose</Th>
          <Th>Scope</Th>
          <Th>Approved by</Th>
          <Th>Expires in</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((g) => (
          <Tr key={g.grantId}>
            <CaseCell caseId={g.caseId} number={g.caseNumber} />
            <PersonCell person={g.holder} />
            <Td className="whitespace-nowrap">{PURPOSE_LABEL[g.purpose]}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              {g.scopeFrom}–{g.scopeTo}
            </Td>
            <Td>{g.approvedBy ?? <span className="text-zinc-500">not needed</span>}</Td>
            <Td className="whitespace-nowrap">
              <Countdown until={g.expiresAt} />
            </Td>
            <Td>
              <NoteAction label="Revoke" variant="danger" path={`/api/v1/grants/${g.grantId}/revoke`} field="reason" noteLabel="Why revoke?" required context={`grant of ${g.holder.name} on case ${caseNumber(g.caseNumber)}`} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
