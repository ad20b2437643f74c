"use client";

import { useEffect, useRef } from "react";
import { SHORTCUTS, type Shortcut } from "@/lib/client/shortcut-keys";
import { Button } from "../ui/button";
import { Kbd } from "../ui/kbd";

const GROUPS: Shortcut["where"][] = ["Anywhere", "Queue", "Thread"];

/**
 * The `?` overlay: a modal <dialog> (the browser keeps focus inside while it is open and Escape
 * closes it); focus returns to where it was when it closes.
 */
export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      data-shortcut-help
      aria-labelledby="shortcut-help-title"
      onClose={() => {
        onClose();
        returnTo.current?.focus();
      }}
      className="m-auto w-[32rem] max-w-[calc(100vw-2rem)] rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 shadow-xl backdrop:bg-zinc-950/40"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id="shortcut-help-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <div className="grid gap-3">
        {GROUPS.map((where) => (
          <section key={where} aria-labelledby={`shortcuts-${where}`}>
            <h3 id={`shortcuts-${where}`} className="mb-1 text-xs font-semibold text-zinc-600 uppercase">
              {where}
            </h3>
            <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-1 text-[13px]">
              {SHORTCUTS.filter((s) => s.where === where).map((s) => (
                <div key={s.action} className="contents">
                  <dt className="whitespace-nowrap">
                    {s.keys.map((k, i) => (
                      <span key={k}>
                        {i > 0 ? <span className="px-0.5 text-zinc-600">then</span> : null}
                        <Kbd>{k}</Kbd>
                      </span>
                    ))}
                  </dt>
                  <dd className="text-zinc-800">{s.description}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="mt-3 text-xs text-zinc-600">
        Shortcuts do nothing while you type in a field. <Kbd>Esc</Kbd> closes this list.
      </p>
    </dialog>
  );
}
