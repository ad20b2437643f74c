import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes, HTMLAttributes } from "react";
import { cx } from "./cx";

/** A dense data table. `caption` names the table for screen readers (visually hidden by default). */
export function Table({ caption, captionVisible = false, className, children }: { caption: string; captionVisible?: boolean; className?: string; children: ReactNode }) {
  return (
    <div className={cx("overflow-x-auto rounded-md border border-zinc-200 bg-white", className)}>
      <table className="w-full border-collapse text-left text-[13px] leading-5">
        <caption className={captionVisible ? "px-3 py-2 text-left font-medium" : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-zinc-100">{children}</tbody>;
}

export function Tr({ className, ...rest }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cx("align-top", className)} {...rest} />;
}

export function Th({ className, scope = "col", ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope={scope} className={cx("px-2.5 py-1.5 font-medium whitespace-nowrap", className)} {...rest} />;
}

export function Td({ className, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cx("px-2.5 py-1.5", className)} {...rest} />;
}
