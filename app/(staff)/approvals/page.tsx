import type { Metadata } from "next";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { authorizePage } from "@/lib/auth/authorize";
import { APPROVAL_TTL_HOURS } from "@/lib/policy/limits";
import { AccessRefused } from "@/components/access-refused";
import { EmergencyReviewsTable } from "@/components/approvals/emergency-reviews-table";
import { LiveGrantsTable } from "@/components/approvals/live-grants-table";
import { PendingTable } from "@/components/approvals/pending-table";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { staff, refusal } = await authorizePage("PAGE /approvals");
  if (refusal) return <AccessRefused title="Approvals" message={`Approvals are for leads and legal. ${refusal.message}`} />;
  const { pending, live, emergencyReviews } = await listApprovals(staff);

  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-5">
      <section aria-labelledby="pending-heading" className="flex flex-col gap-2">
        <div className="flex items-baseline justify-between gap-4">
          <h1 id="pending-heading" className="text-base font-semibold">
            Approvals <span className="font-normal text-zinc-600">({pending.length} waiting)</span>
          </h1>
          <p className="text-xs text-zinc-600">Nobody approves their own request. Requests lapse {APPROVAL_TTL_HOURS} h after they are made. Every decision is logged.</p>
        </div>
        {pending.length === 0 ? <EmptyState title="Nothing awaits your approval" /> : <PendingTable items={pending} />}
      </section>
      {live ? (
        <section aria-labelledby="live-heading" className="flex flex-col gap-2">
          <h2 id="live-heading" className="text-[13px] font-semibold text-zinc-800">
            Live grants <span className="font-normal text-zinc-600">({live.length})</span>
          </h2>
          {live.length === 0 ? <EmptyState title="No grant is live right now" /> : <LiveGrantsTable items={live} />}
        </section>
      ) : null}
      {emergencyReviews ? (
        <section aria-labelledby="emergency-heading" className="flex flex-col gap-2">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="emergency-heading" className="text-[13px] font-semibold text-zinc-800">
              Emergency access to review <span className="font-normal text-zinc-600">({emergencyReviews.length})</span>
            </h2>
            <p className="text-xs text-zinc-600">Each approved emergency grant is reviewed once, after the fact, by someone who neither held nor approved it. The review is logged.</p>
          </div>
          {emergencyReviews.length === 0 ? <EmptyState title="No emergency access awaits review" /> : <EmergencyReviewsTable items={emergencyReviews} />}
        </section>
      ) : null}
    </div>
  );
}
