import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { authorizePageOnce } from "@/lib/auth/authorize";
import { getStaffForAdmin } from "@/lib/staff/staff-record";
import { AccessRefused } from "@/components/access-refused";
import { StaffForm } from "@/components/staff/staff-form";

// The record once per render: the page and its title ("reviewer@custody.test · Staff") share it.
const loadMember = cache(async (id: string) => {
  const { staff: me, refusal } = await authorizePageOnce("PAGE /staff/{id}");
  if (refusal) return { me, refusal, staff: null };
  return { me, refusal, staff: await getStaffForAdmin(me, id) };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { staff } = await loadMember((await params).id);
  return { title: staff ? `${staff.email} · Staff` : "Edit staff member" };
}

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { me, refusal, staff } = await loadMember(id);
  if (refusal) return <AccessRefused title="Staff" message={`Staff administration is for admins. ${refusal.message}`} />;
  if (!staff) notFound();

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-3">
      <Link href="/staff" className="text-[13px]">
        ← All staff
      </Link>
      <h1 className="text-base font-semibold">
        {staff.name} <span className="font-normal text-zinc-600">{staff.email}</span>
      </h1>
      {/* Keyed by id only: the form already holds what was just saved, and remounting it on the
          refresh that follows a save would drop its "Saved and logged." confirmation. */}
      <StaffForm key={staff.id} staff={staff} isSelf={staff.id === me.id} />
    </div>
  );
}
