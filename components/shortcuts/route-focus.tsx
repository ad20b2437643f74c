"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, focus moves to the new page's main heading (or to <main>),
 * so a keyboard or screen-reader user starts at the new content instead of the old link or the
 * body. The first load leaves focus where the browser puts it.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const previous = useRef<string | null>(null);
  useEffect(() => {
    if (previous.current !== null && previous.current !== pathname) {
      const heading = document.querySelector<HTMLElement>("main h1");
      const target = heading ?? document.getElementById("main");
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: false });
      }
    }
    previous.current = pathname;
  }, [pathname]);
  return null;
}
