import Link from "next/link";
import type { MyGrant } from "@/lib/dto";
import { PURPOSE_LABEL, caseNumber } from "../labels";
import { Badge, type BadgeTone } from "../ui/badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { LocalTime } from "../ui/local-time";

const STATUS: Record<MyGrant["status"], { label: string; tone: BadgeTone }> = {
  ACTIVE: { label: "Active", tone: "success" },
  PENDING: { label: "Awaiting approval", tone: "warning" },
  REJECTED: { label: "Rejected", tone: "danger" },
  ENDED: { label: "Ended", tone: "neutral" },
};

/** The grants one held or asked for, newest first, with how each ended. */
export function MyGrantsTable({ grants }: { grants: MyGrant[] }) {
  return (
    <Table caption="My grants, newest first">
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Purpose</Th>
          <Th>Scope</Th>
          <Th>Status</Th>
          <Th>Requested</Th>
          <Th>Expires / expired</Th>
          <Th>Justification</Th>
        </Tr>
      </THead>
      <TBody>
        {grants.map((g) => {
          const ended = g.expired ? { label: "Expired", tone: "neutral" as const } : STATUS[g.status];
          return (
            <Tr key={g.id}>
              <Td className="whitespace-nowrap">
                <Link href={`/cases/${g.caseId}`}>{caseNumber(g.caseNumber)}</Link>
              </Td>
              <Td className="whitespace-nowrap">{PURPOSE_LABEL[g.purpose]}</Td>
              <Td className="whitespace-nowrap tabular-nums">
                {g.scopeFrom}–{g.scopeTo}
              </Td>
              <Td>
                <Badge tone={ended.tone}>{ended.label}</Badge>
                {g.endedReason ? <span className="block text-xs text-zinc-600">{g.endedReason}</span> : null}
                {g.approvedBy ? <span className="block text-xs text-zinc-600">approved by {g.approvedBy}</span> : null}
                {g.reviewNote ? <span className="block text-xs text-zinc-600">“{g.reviewNote}”</span> : null}
              </Td>
              <Td className="whitespace-nowrap tabular-nums"><LocalTime iso={g.createdAt} seconds={false} /></Td>
              <Td className="whitespace-nowrap tabular-nums"><LocalTime iso={g.expiresAt} seconds={false} /></Td>
              <Td className="max-w-80 text-[13px] break-words">{g.justification}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
