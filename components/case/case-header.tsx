import type { ReactNode } from "react";
import type { CaseDetail } from "@/lib/dto";
import { CATEGORY_LABEL, STATUS_LABEL, caseNumber } from "../labels";
import { PriorityBadge } from "../priority-badge";
import { Badge } from "../ui/badge";

/** The case's heading; `meta` adds category, priority and status (for pages without the summary). */
export function CaseHeader({ detail, title, meta = true, children }: { detail: CaseDetail; title?: string; meta?: boolean; children?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <h1 className="text-base font-semibold">
        {title ?? "Case"} <span className="tabular-nums">{caseNumber(detail.number)}</span>
      </h1>
      {meta ? (
        <>
          <span className="text-zinc-700">{CATEGORY_LABEL[detail.category]}</span>
          <PriorityBadge priority={detail.priority} />
          <Badge tone={detail.status === "CLOSED" ? "neutral" : detail.status === "ESCALATED" ? "warning" : "accent"}>{STATUS_LABEL[detail.status]}</Badge>
        </>
      ) : null}
      {children}
    </div>
  );
}
