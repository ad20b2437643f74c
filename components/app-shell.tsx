import Link from "next/link";
import type { ReactNode } from "react";
import type { Role, StaffSummary } from "@/lib/dto";
import { can } from "@/lib/policy/permissions";
import { SignOutButton } from "./auth/sign-out-button";
import { ROLE_LABEL } from "./labels";
import { NavLinks, type NavItem } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";
import { KeyboardShortcuts } from "./shortcuts/keyboard-shortcuts";
import { RouteFocus } from "./shortcuts/route-focus";
import type { Theme } from "@/lib/client/theme";

/**
 * Navigation asks the same permission table as the server (lib/policy/permissions.ts). This
 * only hides links that would be refused; every page and API route checks again.
 */
export function navItemsFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [];
  if (can(roles, "queue:read")) items.push({ href: "/queue", label: "Queue" });
  if (can(roles, "legal:read")) items.push({ href: "/legal", label: "Legal requests" });
  if (can(roles, "grant:approve")) items.push({ href: "/approvals", label: "Approvals" });
  if (can(roles, "audit:read")) items.push({ href: "/audit", label: "Access log" });
  if (can(roles, "rules:manage")) items.push({ href: "/rules", label: "Rules" });
  if (can(roles, "staff:manage")) items.push({ href: "/staff", label: "Staff" });
  if (can(roles, "delivery:manage")) items.push({ href: "/admin/deliveries", label: "Deliveries" });
  if (can(roles, "detection:regions")) items.push({ href: "/admin/detection", label: "Detection" });
  if (can(roles, "history:team")) items.push({ href: "/team-access", label: "Team access" });
  if (can(roles, "history:own")) items.push({ href: "/my-access", label: "My access" });
  return items;
}

export function AppShell({ staff, theme, children }: { staff: StaffSummary; theme: Theme; children: ReactNode }) {
  const roles = staff.roles.map((r) => ROLE_LABEL[r]).join(", ");
  const regions = staff.regions.join(", ");
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-white px-3 py-2 font-medium text-accent-800 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <header className="bg-chrome text-chrome-fg">
        <div className="flex h-11 items-center gap-4 px-4">
          <Link href="/" className="text-[15px] font-semibold tracking-tight text-chrome-fg no-underline hover:no-underline">
            Custody
          </Link>
          <nav aria-label="Primary">
            <NavLinks items={navItemsFor(staff.roles)} />
          </nav>
          <div className="ml-auto flex items-center gap-3 text-[13px]">
            <p className="text-right leading-tight">
              <span className="sr-only">Signed in as </span>
              <span className="font-medium text-chrome-fg">{staff.name}</span>
              <span className="ml-2 text-chrome-muted">
                {roles || "No roles"}
                {regions ? ` · ${regions}` : ""}
              </span>
            </p>
            <KeyboardShortcuts canApprove={can(staff.roles, "grant:approve")} />
            <ThemeToggle initial={theme} />
            <SignOutButton />
          </div>
        </div>
      </header>
      <RouteFocus />
      <main id="main" tabIndex={-1} className="flex-1 px-4 py-4 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
