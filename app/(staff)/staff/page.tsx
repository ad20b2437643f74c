import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { passwordSignInEnabled } from "@/lib/auth/options";
import { listStaff } from "@/lib/staff/staff-record";
import { AccessRefused } from "@/components/access-refused";
import { StaffForm } from "@/components/staff/staff-form";
import { StaffTable } from "@/components/staff/staff-table";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const { staff: me, refusal } = await authorizePage("PAGE /staff");
  if (refusal) return <AccessRefused title="Staff" message={`Staff administration is for admins. ${refusal.message}`} />;
  const staff = await listStaff(me);

  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-5">
      <section aria-labelledby="staff-heading" className="flex flex-col gap-2">
        <div className="flex items-baseline justify-between gap-4">
          <h1 id="staff-heading" className="text-base font-semibold">
            Staff <span className="font-normal text-zinc-600">({staff.length})</span>
          </h1>
          <p className="text-xs text-zinc-600">Every change is logged with the record before and after.</p>
        </div>
        <StaffTable staff={staff} selfId={me.id} />
      </section>
      <details className="rounded-md border border-zinc-200 bg-white px-3 py-2">
        <summary className="cursor-pointer text-[13px] font-semibold text-zinc-800">Add a staff member</summary>
        <div className="pt-3">
          <StaffForm allowPassword={passwordSignInEnabled()} />
        </div>
      </details>
    </div>
  );
}
