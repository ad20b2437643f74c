import Link from "next/link";
import type { QueueItem } from "@/lib/dto";
import { BASIS_LABEL, CATEGORY_LABEL, STATUS_LABEL, caseNumber } from "../labels";
import { PriorityBadge } from "../priority-badge";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { ClaimButton } from "./claim-button";

function No() {
  return (
    <>
      <span aria-hidden="true" className="text-zinc-400">
        —
      </span>
      <span className="sr-only">No</span>
    </>
  );
}

export function QueueTable({ items, caption }: { items: QueueItem[]; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Category</Th>
          <Th>Basis</Th>
          <Th>Priority</Th>
          <Th>Age</Th>
          <Th className="text-right">Reporters</Th>
          <Th>Regions</Th>
          <Th>Flags</Th>
          <Th>Assignee</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((item) => (
          <Tr key={item.id} className="align-middle focus-within:bg-accent-50 hover:bg-zinc-50">
            <Td className="font-medium whitespace-nowrap">
              <Link href={`/cases/${item.id}`} data-queue-link className="tabular-nums">
                {caseNumber(item.number)}
              </Link>
              {item.status === "ESCALATED" ? (
                <Badge tone="warning" className="ml-1.5">
                  {STATUS_LABEL.ESCALATED}
                </Badge>
              ) : null}
            </Td>
            <Td className="whitespace-nowrap">{CATEGORY_LABEL[item.category]}</Td>
            <Td className="whitespace-nowrap text-zinc-700">{BASIS_LABEL[item.basis]}</Td>
            <Td>
              <PriorityBadge priority={item.priority} />
            </Td>
            <Td className="text-zinc-700">
              <RelativeTime iso={item.createdAt} />
            </Td>
            <Td className="text-right tabular-nums">{item.reporterCount}</Td>
            <Td className="whitespace-nowrap">{item.dataRegions.join(", ") || <No />}</Td>
            <Td className="whitespace-nowrap">
              {item.involvesMinor || item.involvesProtected ? (
                <span className="flex gap-1">
                  {item.involvesMinor ? <Badge tone="warning">Minor</Badge> : null}
                  {item.involvesProtected ? (
                    <Badge tone="accent" title="A participant is a protected account: opening the thread needs second-person approval">
                      Protected
                    </Badge>
                  ) : null}
                </span>
              ) : (
                <No />
              )}
            </Td>
            <Td className="whitespace-nowrap">{item.assignee ? item.assignee.name : <span className="text-zinc-500">Unassigned</span>}</Td>
            <Td className="py-1" data-shortcut-claim>{item.assignee === null && item.status !== "CLOSED" ? <ClaimButton caseId={item.id} srLabel={`case ${item.number}`} align="end" /> : null}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
