import type { CaseDetail } from "@/lib/dto";
import { ClaimButton } from "../queue/claim-button";
import { Notice } from "../ui/error-notice";
import { ActiveGrantLink } from "./active-grant-link";
import { DecisionForm } from "./decision-form";
import { APPROVAL_TRIGGERS, type ApprovalTrigger } from "@/lib/policy/approval-triggers";
import { APPROVAL_TTL_HOURS } from "@/lib/policy/limits";
import { OpenThreadForm } from "./open-thread-form";

/**
 * What the reviewer can do next. Controls follow `detail.may`, which the server computed; it
 * checks again when any of them is used.
 */
export function CaseActions({ detail }: { detail: CaseDetail }) {
  const activeGrant = detail.activeGrant;
  const pendingGrant = detail.pendingGrant;
  const nothing = !detail.may.claim && !activeGrant && !pendingGrant && !detail.may.requestGrant && !detail.may.decide;

  return (
    <div className="flex flex-col gap-5">
      {detail.may.claim ? (
        <section aria-label="Claim" className="flex flex-col gap-1.5">
          <p className="text-[13px] text-zinc-700">Claim this case to work on it. Only the assigned reviewer can open the thread.</p>
          <div>
            <ClaimButton caseId={detail.id} size="md" variant="primary" />
          </div>
        </section>
      ) : null}

      {activeGrant ? (
        <section aria-label="Thread access" className="flex flex-col gap-1.5">
          <p className="text-[13px] text-zinc-700">
            You have access to messages {activeGrant.scopeFrom}–{activeGrant.scopeTo} of {detail.messageCount}.
          </p>
          <div>
            <ActiveGrantLink caseId={detail.id} expiresAt={activeGrant.expiresAt} />
          </div>
          {pendingGrant ? (
            <p className="text-[13px] text-zinc-700">
              A wider scope (messages {pendingGrant.scopeFrom}–{pendingGrant.scopeTo}) is awaiting second-person approval.
            </p>
          ) : null}
        </section>
      ) : pendingGrant ? (
        <Notice title="Awaiting second-person approval">
          Your request to open messages {pendingGrant.scopeFrom}–{pendingGrant.scopeTo} needs a second person because{" "}
          {pendingGrant.approvalReasons.map((r) => APPROVAL_TRIGGERS[r as ApprovalTrigger] ?? r).join(", and ")}. An approver other than you must approve it
          within {APPROVAL_TTL_HOURS} hours; this page shows the thread link once it is approved.
        </Notice>
      ) : detail.may.requestGrant ? (
        <OpenThreadForm caseId={detail.id} defaultPurpose={detail.defaultPurpose} purposes={detail.purposes} messageCount={detail.messageCount} anchors={[...new Set([...detail.reports.flatMap((r) => r.reportedPositions), ...detail.flags.flatMap((f) => f.positions)])].sort((a, b) => a - b)} />
      ) : null}

      {detail.may.decide ? <DecisionForm caseId={detail.id} participants={detail.participants} defaultTargetId={detail.defaultTargetId} /> : null}

      {nothing && !detail.decision ? <p className="text-[13px] text-zinc-600">No actions are available to you on this case.</p> : null}
    </div>
  );
}
