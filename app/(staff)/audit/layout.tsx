import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth/current-staff";
import { can } from "@/lib/policy/permissions";
import { AuditNav } from "@/components/audit/audit-nav";

// The auditor workspace's frame. Each page authorises itself; the section links only show to
// those the permission table lets read the log.
export default async function AuditLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return (
    <div className="mx-auto flex max-w-[96rem] flex-col gap-3">
      {can(staff.roles, "audit:read") ? <AuditNav /> : null}
      {children}
    </div>
  );
}
