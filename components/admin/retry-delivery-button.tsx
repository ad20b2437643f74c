"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { Button } from "../ui/button";

/** Delivers one decision now (a logged DELIVERY_RETRIED step), then shows the page's new state. */
export function RetryDeliveryButton({ decisionId, caseNumber }: { decisionId: string; caseNumber: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function retry() {
    setPending(true);
    setError(null);
    try {
      await apiFetch(`/api/v1/admin/deliveries/${encodeURIComponent(decisionId)}/retry`, { method: "POST", body: {} });
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not retry the delivery. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="flex flex-col items-end gap-1">
      <Button size="sm" pending={pending} onClick={retry}>
        {pending ? "Retrying…" : "Retry now"}
        <span className="sr-only"> case C-{caseNumber}</span>
      </Button>
      {error ? (
        <span role="alert" className="text-xs font-medium text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
