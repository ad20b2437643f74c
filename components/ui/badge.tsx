import type { ReactNode } from "react";
import { cx } from "./cx";

export type BadgeTone = "neutral" | "accent" | "danger" | "warning" | "success";

const tones: Record<BadgeTone, string> = {
  neutral: "border-zinc-300 bg-zinc-100 text-zinc-800",
  accent: "border-accent-200 bg-accent-50 text-accent-800",
  danger: "border-red-200 bg-red-50 text-red-800",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-800",
};

/** A short label. The text carries the meaning; the tone only reinforces it. */
export function Badge({ tone = "neutral", title, className, children }: { tone?: BadgeTone; title?: string; className?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={cx("inline-flex items-center rounded border px-1.5 py-px text-xs leading-4 font-medium whitespace-nowrap", tones[tone], className)}
    >
      {children}
    </span>
  );
}
