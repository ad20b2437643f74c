import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { casePageOnce, casePageTitle } from "@/lib/cases/case-page";
import { AccessRefused } from "@/components/access-refused";
import { CaseActions } from "@/components/case/case-actions";
import { CaseHeader } from "@/components/case/case-header";
import { CaseSummary } from "@/components/case/case-summary";
import { DecisionSummary } from "@/components/case/decision-summary";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  return { title: await casePageTitle("PAGE /cases/{id}", (await params).id) };
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { refusal, page } = await casePageOnce("PAGE /cases/{id}", id);
  if (refusal || !page) return <AccessRefused title="Case" message={refusal?.message ?? ""} />;
  if (page.kind === "missing") notFound();
  if (page.kind === "refused") return <AccessRefused title="Case" message={page.message} />;
  const detail = page.detail;

  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-4">
      <Link href="/queue" className="text-[13px]">
        ← Back to queue
      </Link>
      <CaseHeader detail={detail} meta={false} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <CaseSummary detail={detail} />
        <aside aria-label="Case actions" className="flex flex-col gap-5 lg:border-l lg:border-zinc-200 lg:pl-6">
          {detail.decision ? <DecisionSummary decision={detail.decision} /> : null}
          <CaseActions detail={detail} />
        </aside>
      </div>
    </div>
  );
}
