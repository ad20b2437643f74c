"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { matchKey } from "@/lib/client/shortcut-keys";
import { runPageAction } from "./shortcut-actions";
import { ShortcutHelp } from "./shortcut-help";

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The one key handler for the app (lib/client/shortcut-keys.ts lists the keys). Ignored while
 * typing in a field, with Ctrl/Alt/Meta held, or while a dialog other than the overlay is open.
 * `g` waits 1.5 s for its second key.
 */
export function KeyboardShortcuts({ canApprove }: { canApprove: boolean }) {
  const router = useRouter();
  const [helpOpen, setHelpOpen] = useState(false);
  const pending = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]:not([data-shortcut-help])")) return;
      const match = matchKey(pending.current, event.key);
      if (timer.current) clearTimeout(timer.current);
      pending.current = [];
      if (match.kind === "prefix") {
        pending.current = match.pending;
        timer.current = setTimeout(() => (pending.current = []), 1500);
        event.preventDefault();
        return;
      }
      if (match.kind === "none") return;
      switch (match.action) {
        case "help":
          setHelpOpen((open) => !open);
          break;
        case "go-queue":
          router.push("/queue");
          break;
        case "go-approvals":
          if (!canApprove) return;
          router.push("/approvals");
          break;
        default:
          if (!runPageAction(match.action)) return;
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [router, canApprove]);

  return (
    <>
      <button
        type="button"
        onClick={() => setHelpOpen(true)}
        aria-keyshortcuts="?"
        className="rounded px-2 py-1 text-[13px] font-medium text-chrome-muted hover:bg-chrome-hover hover:text-chrome-fg"
      >
        Shortcuts
      </button>
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}
