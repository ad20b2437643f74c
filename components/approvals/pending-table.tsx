import type { ApprovalItem } from "@/lib/dto";
import { APPROVAL_TRIGGERS, type ApprovalTrigger } from "@/lib/policy/approval-triggers";
import { APPROVAL_REASON_LABEL, PURPOSE_LABEL, caseNumber } from "../labels";
import { Badge } from "../ui/badge";
import { Countdown } from "../ui/countdown";
import { RelativeTime } from "../ui/relative-time";
import { TBody, THead, Table, Td, Th, Tr } from "../ui/table";
import { CaseCell, PersonCell } from "./cells";
import { NoteAction } from "./note-action";

/** Requests awaiting a second person. Rows the viewer may not decide say why instead of offering buttons. */
export function PendingTable({ items }: { items: ApprovalItem[] }) {
  return (
    <Table caption="Requests awaiting approval, oldest first">
      <THead>
        <Tr>
          <Th>Case</Th>
          <Th>Requested by</Th>
          <Th>Purpose</Th>
          <Th>Scope</Th>
          <Th>Needs approval because</Th>
          <Th>Justification</Th>
          <Th>Requested</Th>
          <Th>Lapses in</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((r) => {
          const context = `request by ${r.requester.name} for case ${caseNumber(r.caseNumber)}`;
          return (
            <Tr key={r.grantId}>
              <CaseCell caseId={r.caseId} number={r.caseNumber} />
              <PersonCell person={r.requester} />
              <Td className="whitespace-nowrap">
                {PURPOSE_LABEL[r.purpose]}
                {r.isExpansion ? <span className="block text-xs text-zinc-600">widening a live grant</span> : null}
              </Td>
              <Td className="whitespace-nowrap tabular-nums">
                {r.scopeFrom}–{r.scopeTo}
                <span className="block text-xs text-zinc-600">
                  {r.scopeTo - r.scopeFrom + 1} of {r.messageCount} messages
                </span>
              </Td>
              <Td>
                <span className="flex flex-wrap gap-1">
                  {r.approvalReasons.map((reason) => (
                    <Badge key={reason} tone="warning" title={APPROVAL_TRIGGERS[reason as ApprovalTrigger]}>
                      {APPROVAL_REASON_LABEL[reason as ApprovalTrigger] ?? reason}
                    </Badge>
                  ))}
                </span>
              </Td>
              <Td className="max-w-72 text-[13px] break-words">{r.justification}</Td>
              <Td className="whitespace-nowrap">
                <RelativeTime iso={r.requestedAt} />
              </Td>
              <Td className="whitespace-nowrap">
                <Countdown until={r.approvalDueAt} expiredText="lapsed" />
              </Td>
              <Td>
                {r.blocked ? (
                  <span className="block max-w-56 text-xs text-zinc-700">{r.blocked.reason === "SELF_APPROVAL" ? "Your own request: another approver must decide." : r.blocked.message}</span>
                ) : (
                  <span className="flex flex-wrap items-start gap-1.5">
                    <NoteAction label="Approve" variant="primary" path={`/api/v1/grants/${r.grantId}/approve`} field="note" noteLabel="Note (optional)" required={false} context={context} />
                    <NoteAction label="Reject" variant="danger" path={`/api/v1/grants/${r.grantId}/reject`} field="note" noteLabel="Why reject?" required context={context} />
                  </span>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
