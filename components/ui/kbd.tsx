import type { ReactNode } from "react";

export function Kbd({ children }: { children: ReactNode }) {
  return (
    <kbd className="rounded border border-zinc-300 bg-white px-1 font-mono text-[11px] leading-4 text-zinc-700 shadow-[0_1px_0_var(--color-zinc-300)]">
      {children}
    </kbd>
  );
}
