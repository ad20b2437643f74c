import type { UndeliveredDecision } from "@/lib/dto";
import { CATEGORY_LABEL, DECISION_LABEL } from "../labels";
import { deliverySentence, DeliveryBadge } from "../case/delivery-status";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { RetryDeliveryButton } from "./retry-delivery-button";
import { LocalTime } from "../ui/local-time";

/** Decisions the platform has not confirmed, oldest first: what, when, how the delivery stands. */
export function DeliveriesTable({ items }: { items: UndeliveredDecision[] }) {
  return (
    <Table caption="Undelivered decisions, oldest first">
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Decision</Th>
          <Th>Category</Th>
          <Th>Decided</Th>
          <Th>State</Th>
          <Th className="text-right">Attempts</Th>
          <Th>Last error · next try</Th>
          <Th className="text-right">
            <span className="sr-only">Action</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((d) => (
          <Tr key={d.decisionId}>
            <Td className="whitespace-nowrap tabular-nums">C-{d.caseNumber}</Td>
            <Td className="whitespace-nowrap">{DECISION_LABEL[d.action]}</Td>
            <Td className="whitespace-nowrap">{CATEGORY_LABEL[d.category]}</Td>
            <Td className="whitespace-nowrap tabular-nums">
              <LocalTime iso={d.decidedAt} seconds={false} />
            </Td>
            <Td>
              <DeliveryBadge delivery={d.delivery} />
            </Td>
            <Td className="text-right tabular-nums">{d.delivery.attempts}</Td>
            <Td className="text-xs text-zinc-700">{deliverySentence(d.delivery)}</Td>
            <Td className="text-right">{d.delivery.status === "DELIVERED" ? null : <RetryDeliveryButton decisionId={d.decisionId} caseNumber={d.caseNumber} />}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
