import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { authorizePageOnce } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { getLegalRequest } from "@/lib/legal/get-request";
import { UUID_RE } from "@/lib/ids";
import { AccessRefused } from "@/components/access-refused";
import { RequestDetail } from "@/components/legal/request-detail";

// The request once per render: the page and its title ("L-12 · Legal request") share it.
const loadRequest = cache(async (id: string) => {
  const { staff, refusal } = await authorizePageOnce("PAGE /legal/{id}");
  if (refusal || !UUID_RE.test(id)) return { staff, refusal, request: null };
  const request = await getLegalRequest(staff, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  return { staff, refusal, request };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { request } = await loadRequest((await params).id);
  return { title: request ? `L-${request.number} · Legal request` : "Legal request" };
}

export default async function LegalRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { staff, refusal, request } = await loadRequest((await params).id);
  if (refusal) return <AccessRefused title="Legal request" message={`Legal requests are handled by law-enforcement response specialists. ${refusal.message}`} />;
  if (!request) notFound();
  return (
    <div className="mx-auto flex max-w-6xl flex-col gap-3">
      <p className="text-xs">
        <Link href="/legal">← Legal requests</Link>
      </p>
      <RequestDetail request={request} viewerId={staff.id} />
    </div>
  );
}
