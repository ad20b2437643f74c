"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";
import type { ButtonSize, ButtonVariant } from "../ui/button-styles";

/**
 * Claims a case for the signed-in reviewer, then opens it. `srLabel` completes the accessible
 * name where several Claim buttons share a page (e.g. "case 1042" in the queue).
 */
export function ClaimButton({ caseId, srLabel, size = "sm", variant = "secondary" }: { caseId: string; srLabel?: string; size?: ButtonSize; variant?: ButtonVariant }) {
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
    <span className="inline-flex flex-col items-start gap-1">
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
