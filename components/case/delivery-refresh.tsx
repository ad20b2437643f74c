"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * While a decision's delivery is still on its way (queued or failing), re-renders the page
 * every few seconds so its state appears without a reload; stops after five minutes, and as
 * soon as the state is final.
 */
export function DeliveryRefresh({ pending }: { pending: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!pending) return;
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 5 * 60_000) clearInterval(timer);
      else router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [pending, router]);
  return null;
}
