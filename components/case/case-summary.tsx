import type { ReactNode } from "react";
import type { CaseDetail } from "@/lib/dto";
import { BASIS_LABEL, CATEGORY_LABEL, SEVERITY_LABEL, STATUS_LABEL } from "../labels";
import { PriorityBadge } from "../priority-badge";
import { RelativeTime } from "../ui/relative-time";
import { ParticipantsTable } from "./participants-table";
import { LocalTime } from "../ui/local-time";

/** Everything about a case except message content, which only the thread view shows. */
export function CaseSummary({ detail }: { detail: CaseDetail }) {
  return (
    <div className="flex flex-col gap-5">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1.5 text-[13px] sm:grid-cols-[max-content_1fr_max-content_1fr]">
        <Item term="Basis">{BASIS_LABEL[detail.basis]}</Item>
        <Item term="Category">{CATEGORY_LABEL[detail.category]}</Item>
        <Item term="Priority">
          <PriorityBadge priority={detail.priority} />
        </Item>
        <Item term="Status">{STATUS_LABEL[detail.status]}</Item>
        <Item term="Opened">
          <RelativeTime iso={detail.createdAt} /> <span className="text-zinc-500">(<LocalTime iso={detail.createdAt} seconds={false} />)</span>
        </Item>
        <Item term="Assignee">
          {detail.assignee ? detail.assignee.name : <span className="text-zinc-500">Unassigned</span>}
          {detail.assignee && detail.claimedAt ? (
            <span className="text-zinc-500">
              {" "}
              (claimed <RelativeTime iso={detail.claimedAt} />)
            </span>
          ) : null}
        </Item>
        <Item term="Messages in thread">
          <span className="tabular-nums">{detail.messageCount}</span>
        </Item>
      </dl>

      {detail.flags.length ? (
        <section aria-labelledby="flags-heading" className="flex flex-col gap-2">
          <h2 id="flags-heading" className="text-[13px] font-semibold text-zinc-800">
            Detection flags ({detail.flags.length})
          </h2>
          <ul className="flex flex-col gap-1 text-[13px]">
            {detail.flags.map((f) => (
              <li key={`${f.ruleId}-${f.ruleVersion}`} className="rounded-md border border-zinc-200 bg-white px-3 py-1.5">
                <span className="font-medium">{f.ruleName}</span> <span className="text-zinc-600">v{f.ruleVersion} · {SEVERITY_LABEL[f.severity]}</span> · flagged message{f.positions.length === 1 ? "" : "s"}{" "}
                {f.positions.map((p) => `#${p}`).join(", ")} · <RelativeTime iso={f.flaggedAt} />
              </li>
            ))}
          </ul>
          <p className="text-xs text-zinc-600">Flags name the rule and version only; what matched is not kept. Open the thread to review the messages in context.</p>
        </section>
      ) : null}

      <section aria-labelledby="reports-heading" className="flex flex-col gap-2">
        <h2 id="reports-heading" className="text-[13px] font-semibold text-zinc-800">
          {detail.reports.length === 1 ? "Report" : `Reports (${detail.reports.length})`}
        </h2>
        {detail.reports.length === 0 ? (
          <p className="text-zinc-600">No user report is attached to this case.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {detail.reports.map((report) => (
              <li key={report.id} className="rounded-md border border-zinc-200 bg-white px-3 py-2">
                <p className="mb-1 text-xs text-zinc-600">
                  {CATEGORY_LABEL[report.category]} · <RelativeTime iso={report.createdAt} /> ·{" "}
                  {report.reportedPositions.length === 0
                    ? "no message selected"
                    : `reported message${report.reportedPositions.length === 1 ? "" : "s"} ${report.reportedPositions.map((p) => `#${p}`).join(", ")}`}
                </p>
                {/* The reporter's own words: plain text children, never parsed as HTML. */}
                <p className="break-words whitespace-pre-wrap">{report.text}</p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="participants-heading" className="flex flex-col gap-2">
        <h2 id="participants-heading" className="text-[13px] font-semibold text-zinc-800">
          Participants
        </h2>
        <ParticipantsTable participants={detail.participants} />
      </section>
    </div>
  );
}

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </>
  );
}
