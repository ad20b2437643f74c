import type { EmergencyReviewItem } from "@/lib/dto";
import { caseNumber } from "../labels";
import { Badge } from "../ui/badge";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { CaseCell, PersonCell } from "./cells";
import { PostHocReviewAction } from "./post-hoc-review-action";
import { LocalTime } from "../ui/local-time";

const STATE = { live: { tone: "warning", label: "Live" }, expired: { tone: "neutral", label: "Expired" }, ended: { tone: "neutral", label: "Ended" } } as const;

/** Approved emergency access nobody has reviewed yet, oldest approval first, with what was read under it. */
export function EmergencyReviewsTable({ items }: { items: EmergencyReviewItem[] }) {
  return (
    <Table caption="Emergency access awaiting review, oldest first">
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Holder</Th>
          <Th>Approved</Th>
          <Th>Justification</Th>
          <Th>Grant</Th>
          <Th className="text-right">Reads</Th>
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
            <Td>
              <span className="block">{g.approvedBy ?? "—"}</span>
              {g.approvedAt ? <span className="block font-mono text-xs text-zinc-600 tabular-nums"><LocalTime iso={g.approvedAt} /></span> : null}
            </Td>
            <Td className="max-w-80">
              <span className="block text-xs">{g.justification}</span>
            </Td>
            <Td className="whitespace-nowrap">
              <Badge tone={STATE[g.state].tone}>{STATE[g.state].label}</Badge>
            </Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              {g.reads} <span className="text-xs text-zinc-600">({g.messagesRevealed} messages)</span>
            </Td>
            <Td>
              {g.blocked ? (
                <span className="block max-w-56 text-xs text-zinc-700">{g.blocked.message}</span>
              ) : (
                <PostHocReviewAction grantId={g.grantId} context={`emergency grant of ${g.holder.name} on case ${caseNumber(g.caseNumber)}`} />
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
