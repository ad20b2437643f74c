import type { ReactNode } from "react";
import { cx } from "./cx";

/**
 * An error the reader must notice. role="alert" announces it when it appears; pass
 * `live={false}` for errors that are part of the initial page (nothing to announce).
 */
export function ErrorNotice({ title, children, live = true, className }: { title: string; children?: ReactNode; live?: boolean; className?: string }) {
  return (
    <div role={live ? "alert" : undefined} className={cx("rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-900", className)}>
      <p className="font-medium">
        <span aria-hidden="true">⚠ </span>
        {title}
      </p>
      {children ? <div className="mt-0.5 text-red-800">{children}</div> : null}
    </div>
  );
}

/** A neutral or positive status message (e.g. "awaiting approval"). */
export function Notice({ title, children, className }: { title: string; children?: ReactNode; className?: string }) {
  return (
    <div role="status" className={cx("rounded-md border border-accent-200 bg-accent-50 px-3 py-2 text-accent-800", className)}>
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-0.5">{children}</div> : null}
    </div>
  );
}
