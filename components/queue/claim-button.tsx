"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import type { ButtonSize, ButtonVariant } from "../ui/button-styles";
import { cx } from "../ui/cx";

/**
 * Claims a case for the signed-in reviewer, then opens it. `srLabel` completes the accessible
 * name where several Claim buttons share a page (e.g. "case 1042" in the queue).
 */
export function ClaimButton({
  caseId,
  srLabel,
  size = "sm",
  variant = "secondary",
  align = "start",
}: {
  caseId: string;
  srLabel?: string;
  size?: ButtonSize;
  variant?: ButtonVariant;
  align?: "start" | "end";
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function claim() {
    setPending(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/cases/${encodeURIComponent(caseId)}/claim`, { method: "POST", body: {} });
      router.push(`/cases/${caseId}`);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not claim the case. Try again.");
      setPending(false);
    }
  }

  return (
    <span className={cx("flex flex-col gap-1", align === "end" ? "items-end" : "items-start")}>
      <Button size={size} variant={variant} pending={pending} onClick={claim}>
        {pending ? "Claiming…" : "Claim"}
        {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
      </Button>
      {error ? (
        <span role="alert" className="text-xs font-medium text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
