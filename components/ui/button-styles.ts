import { cx } from "./cx";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

const base =
  "inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap no-underline hover:no-underline " +
  "transition-colors disabled:cursor-not-allowed disabled:opacity-60";

const variants: Record<ButtonVariant, string> = {
  primary: "bg-accent-700 text-white hover:bg-accent-800 disabled:hover:bg-accent-700",
  secondary: "border border-zinc-300 bg-white text-zinc-800 hover:bg-zinc-100",
  danger: "bg-red-700 text-white hover:bg-red-800",
  ghost: "text-zinc-700 hover:bg-zinc-200/70",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-6 px-2 text-[13px]",
  md: "h-8 px-3 text-sm",
};

/** Shared by <Button> and links that should look like buttons. */
export function buttonClasses(variant: ButtonVariant = "secondary", size: ButtonSize = "md", extra?: string) {
  return cx(base, variants[variant], sizes[size], extra);
}
