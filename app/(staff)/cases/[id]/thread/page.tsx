import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { casePageOnce, casePageTitle } from "@/lib/cases/case-page";
import { stepUpIsFresh } from "@/lib/policy/content-access";
import { AccessRefused } from "@/components/access-refused";
import { CaseHeader } from "@/components/case/case-header";
import { DecisionForm } from "@/components/case/decision-form";
import { DecisionSummary } from "@/components/case/decision-summary";
import { ThreadParticipants } from "@/components/case/thread-participants";
import { ThreadView } from "@/components/case/thread-view";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: `${await casePageTitle("PAGE /cases/{id}/thread", (await params).id)} · Thread` };
}

// The server part renders only the case header (no content). The messages are fetched by the
// browser from the content route, which checks the grant and logs the read before answering.
// With a live grant but no recent step-up, the reader goes to the step-up page first (and
// comes back), rather than collecting a logged refusal from the content route.
export default async function ThreadPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { staff, refusal, page } = await casePageOnce("PAGE /cases/{id}/thread", id);
  if (refusal || !page) return <AccessRefused title="Thread" message={refusal?.message ?? ""} />;
  if (page.kind === "missing") notFound();
  if (page.kind === "refused") return <AccessRefused title="Thread" message={page.message} />;
  const detail = page.detail;
  if (detail.activeGrant && !stepUpIsFresh(staff.stepUpAt, new Date())) redirect(`/step-up?next=${encodeURIComponent(`/cases/${detail.id}/thread`)}`);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-3">
      <Link href={`/cases/${detail.id}`} className="text-[13px]">
        ← Back to case
      </Link>
      <CaseHeader detail={detail} title="Thread for case" />
      <ThreadParticipants participants={detail.participants} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section aria-label="Thread" className="min-w-0">
          <ThreadView caseId={detail.id} participants={detail.participants} canExpand={detail.may.expandScope} />
        </section>
        {detail.decision || detail.may.decide ? (
          <aside aria-label="Decide" className="flex flex-col gap-4 lg:sticky lg:top-4 lg:self-start">
            {detail.decision ? <DecisionSummary decision={detail.decision} /> : null}
            {detail.may.decide ? <DecisionForm caseId={detail.id} participants={detail.participants} defaultTargetId={detail.defaultTargetId} /> : null}
          </aside>
        ) : null}
      </div>
    </div>
  );
}
