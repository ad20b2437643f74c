import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { authorizePage } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { getLegalRequest } from "@/lib/legal/get-request";
import { UUID_RE } from "@/lib/ids";
import { AccessRefused } from "@/components/access-refused";
import { RequestDetail } from "@/components/legal/request-detail";

export const metadata: Metadata = { title: "Legal request" };

export default async function LegalRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, refusal } = await authorizePage("PAGE /legal/{id}");
  if (refusal) return <AccessRefused title="Legal request" message={`Legal requests are handled by law-enforcement response specialists. ${refusal.message}`} />;
  const { id } = await params;
  if (!UUID_RE.test(id)) notFound();
  const request = await getLegalRequest(staff, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-3">
      <p className="text-xs">
        <Link href="/legal">← Legal requests</Link>
      </p>
      <RequestDetail request={request} viewerId={staff.id} />
    </div>
  );
}
