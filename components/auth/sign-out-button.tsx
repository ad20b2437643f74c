"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { cx } from "../ui/cx";

export function SignOutButton({ className }: { className?: string }) {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={pending}
      aria-busy={pending || undefined}
      onClick={() => {
        setPending(true);
        // Ends an SSO session (opaque cookie) first, then next-auth's (the password sign-in).
        void fetch("/api/auth/session/end", { method: "POST", headers: { "x-custody-request": "1" } })
          .catch(() => undefined)
          .then(() => signOut({ callbackUrl: "/signin" }));
      }}
      className={cx("rounded px-2 py-1 text-[13px] font-medium text-chrome-muted hover:bg-chrome-hover hover:text-chrome-fg disabled:opacity-60", className)}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
