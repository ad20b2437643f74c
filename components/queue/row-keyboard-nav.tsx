"use client";

import { useEffect } from "react";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * j / k move focus between the links marked `data-queue-link` (one per row); Enter then opens
 * the focused case, as for any link. Ignored while typing in a form field or with modifiers.
 */
export function RowKeyboardNav() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== "j" && event.key !== "k") return;
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      const links = Array.from(document.querySelectorAll<HTMLAnchorElement>("a[data-queue-link]"));
      if (links.length === 0) return;
      const active = document.activeElement;
      const row = active instanceof HTMLElement ? active.closest("tr") : null;
      const current = links.findIndex((link) => link === active || (row !== null && row.contains(link)));
      const next = current === -1 ? 0 : Math.min(links.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)));
      event.preventDefault();
      links[next]?.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
