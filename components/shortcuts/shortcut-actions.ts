import type { ShortcutAction } from "@/lib/client/shortcut-keys";

// What each shortcut does to the page. Pages mark their targets with data attributes
// (data-queue-link, data-shortcut-claim, data-reported, data-shortcut="…"), so the handler knows
// no page's internals; a shortcut whose target is absent does nothing.

function step<T extends HTMLElement>(selector: string, delta: 1 | -1, containerOf: (el: T) => Element = (el) => el): boolean {
  const items = Array.from(document.querySelectorAll<T>(selector));
  if (items.length === 0) return false;
  const active = document.activeElement;
  const current = items.findIndex((el) => active instanceof Node && containerOf(el).contains(active));
  const next = current === -1 ? (delta === 1 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, current + delta));
  const target = items[next];
  target?.focus();
  target?.scrollIntoView({ block: "nearest" });
  return true;
}

const rowOf = (el: HTMLElement): Element => el.closest("tr") ?? el;

function focusedRowLink(): HTMLAnchorElement | null {
  const active = document.activeElement;
  const row = active instanceof HTMLElement ? active.closest("tr") : null;
  return row?.querySelector<HTMLAnchorElement>("a[data-queue-link]") ?? null;
}

function clickTarget(name: string): boolean {
  const el = document.querySelector<HTMLElement>(`[data-shortcut="${name}"]`);
  if (!el) return false;
  el.click();
  return true;
}

/** Runs an in-page action; returns whether it applied (so the key's default is prevented only then). */
export function runPageAction(action: ShortcutAction): boolean {
  switch (action) {
    case "next-row":
      return step<HTMLAnchorElement>("a[data-queue-link]", 1, rowOf);
    case "previous-row":
      return step<HTMLAnchorElement>("a[data-queue-link]", -1, rowOf);
    case "open-row": {
      const link = focusedRowLink();
      link?.click();
      return link !== null;
    }
    case "claim-row": {
      const active = document.activeElement;
      const row = active instanceof HTMLElement ? active.closest("tr") : null;
      const claim = row?.querySelector<HTMLButtonElement>("[data-shortcut-claim] button:not(:disabled)") ?? null;
      claim?.click();
      return claim !== null;
    }
    case "next-reported":
      return step<HTMLElement>("[data-reported]", 1);
    case "previous-reported":
      return step<HTMLElement>("[data-reported]", -1);
    case "earlier":
      return clickTarget("earlier");
    case "later":
      return clickTarget("later");
    case "decide": {
      const el = document.querySelector<HTMLElement>('[data-shortcut="decide"]');
      el?.focus();
      el?.scrollIntoView({ block: "nearest" });
      return el !== null;
    }
    case "search": {
      const el = document.querySelector<HTMLElement>('[data-shortcut="search"]');
      el?.focus();
      return el !== null;
    }
    default:
      return false;
  }
}
