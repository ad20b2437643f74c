"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "./ui/cx";

export type NavItem = { href: string; label: string };

/** Primary navigation; marks the current section with aria-current (and an underline, not only colour). */
export function NavLinks({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex items-center gap-1">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`) || (item.href === "/queue" && pathname.startsWith("/cases/"));
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current ? "page" : undefined}
              className={cx(
                "block rounded px-2 py-1 text-[13px] font-medium no-underline hover:bg-chrome-hover hover:no-underline",
                current ? "text-chrome-fg underline decoration-2 underline-offset-[6px] hover:underline" : "text-chrome-muted hover:text-chrome-fg",
              )}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
