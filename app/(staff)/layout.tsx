import type { ReactNode } from "react";
import { requireStaff } from "@/lib/auth/current-staff";
import { AppShell } from "@/components/app-shell";

// Every staff page renders per request for the signed-in member; requireStaff redirects to
// /signin when there is no valid session (or the account is disabled).
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  return <AppShell staff={staff}>{children}</AppShell>;
}
