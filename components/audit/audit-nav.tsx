"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "../ui/cx";

const SECTIONS = [
  { href: "/audit", label: "Log", exact: true },
  { href: "/audit/anomalies", label: "Anomalies" },
  { href: "/audit/activity", label: "Activity" },
  { href: "/audit/accounts", label: "Account report" },
  { href: "/audit/verification", label: "Verification" },
] as const;

/** The auditor workspace's sections. An event's page belongs to the log. */
export function AuditNav() {
  const pathname = usePathname();
  const current = (s: (typeof SECTIONS)[number]) =>
    "exact" in s ? pathname === s.href || pathname.startsWith("/audit/events/") : pathname === s.href || pathname.startsWith(`${s.href}/`);
  return (
    <nav aria-label="Auditor workspace">
      <ul className="flex w-fit gap-1 rounded-md border border-zinc-200 bg-white p-0.5">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              aria-current={current(s) ? "page" : undefined}
              className={cx(
                "block rounded px-3 py-1 text-[13px] font-medium no-underline hover:no-underline",
                current(s) ? "bg-zinc-900 text-white" : "text-zinc-700 hover:bg-zinc-100",
              )}
            >
              {s.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
