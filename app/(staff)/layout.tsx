import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { THEME_COOKIE, parseTheme } from "@/lib/client/theme";
import { requireStaff } from "@/lib/auth/current-staff";
import { AppShell } from "@/components/app-shell";

// Every staff page renders per request for the signed-in member; requireStaff redirects to
// /signin when there is no valid session (or the account is disabled).
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <AppShell staff={staff} theme={theme}>
      {children}
    </AppShell>
  );
}
