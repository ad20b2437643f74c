import type { Metadata } from "next";
import Link from "next/link";
import { authorizePage } from "@/lib/auth/authorize";
import { listLegalRequests } from "@/lib/legal/list-requests";
import { listOpenUserNotices } from "@/lib/legal/user-notices";
import { AccessRefused } from "@/components/access-refused";
import { LegalRequestsTable } from "@/components/legal/requests-table";
import { UserNoticesDue } from "@/components/legal/user-notices";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Legal requests" };

export default async function LegalRequestsPage() {
  const { staff, refusal } = await authorizePage("PAGE /legal");
  if (refusal) return <AccessRefused title="Legal requests" message={`Legal requests are handled by law-enforcement response specialists. ${refusal.message}`} />;
  const [requests, notices] = await Promise.all([listLegalRequests(staff), listOpenUserNotices(staff)]);
  const overdue = requests.filter((r) => r.overdue).length;
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-3">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-base font-semibold">
          Legal requests <span className="font-normal text-zinc-600">({requests.length}{overdue ? `, ${overdue} overdue` : ""})</span>
        </h1>
        <Link href="/legal/new" className="rounded-md bg-accent-700 px-3 py-1.5 text-[13px] font-medium text-white no-underline hover:bg-accent-800 hover:no-underline">
          Take in a request
        </Link>
      </div>
      <p className="text-xs text-zinc-600">
        Nothing is disclosed until a colleague other than the one who took a request in has verified it, and a second person has approved the access. What each instrument allows is the legal-basis table in the access policy.
      </p>
      <UserNoticesDue tasks={notices} />
      {requests.length ? <LegalRequestsTable requests={requests} /> : <EmptyState title="No legal requests">Take one in when a request arrives.</EmptyState>}
    </div>
  );
}
