import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorizePageOnce } from "@/lib/auth/authorize";
import { getAuditEventDetail } from "@/lib/audit/search/event-detail";
import { NotFoundError } from "@/lib/errors";
import { AccessRefused } from "@/components/access-refused";
import { EventFields } from "@/components/audit/event-fields";
import { InclusionProofCheck } from "@/components/audit/inclusion-proof-check";

/** "Event 123 · Access log": the number is the one in the address; a non-auditor learns nothing new. */
export async function generateMetadata({ params }: { params: Promise<{ seq: string }> }): Promise<Metadata> {
  const { seq } = await params;
  const { refusal } = await authorizePageOnce("PAGE /audit/events/{seq}");
  return { title: !refusal && /^\d{1,19}$/.test(seq) ? `Event ${seq} · Access log` : "Access-log event" };
}

export default async function AuditEventPage({ params }: { params: Promise<{ seq: string }> }) {
  const { staff, refusal } = await authorizePageOnce("PAGE /audit/events/{seq}");
  if (refusal) return <AccessRefused title="Access-log event" message={refusal.message} />;
  const { seq } = await params;
  const detail = await getAuditEventDetail(staff, seq).catch((e: unknown) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });

  return (
    <div className="flex max-w-5xl flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-base font-semibold">
          Event <span className="font-mono">{detail.event.seq}</span> <span className="font-normal text-zinc-600">· {detail.event.action}</span>
        </h1>
        <nav aria-label="Neighbouring events" className="flex gap-4 text-[13px]">
          {detail.previousSeq ? <Link href={`/audit/events/${detail.previousSeq}`}>← Event {detail.previousSeq}</Link> : null}
          {detail.nextSeq ? <Link href={`/audit/events/${detail.nextSeq}`}>Event {detail.nextSeq} →</Link> : null}
          <Link href="/audit">Back to the log</Link>
        </nav>
      </div>
      <section aria-labelledby="proof" className="flex flex-col gap-1.5">
        <h2 id="proof" className="text-[13px] font-semibold text-zinc-800">
          Inclusion proof
        </h2>
        <InclusionProofCheck seq={detail.event.seq} event={detail.event} />
      </section>
      <section aria-labelledby="fields" className="flex flex-col gap-1.5">
        <h2 id="fields" className="text-[13px] font-semibold text-zinc-800">
          Fields as logged
        </h2>
        <EventFields detail={detail} />
      </section>
    </div>
  );
}
