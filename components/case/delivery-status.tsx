import type { DeliveryState } from "@/lib/dto";
import { formatUtc } from "../format";
import { Badge, type BadgeTone } from "../ui/badge";

// How a decision's webhook to the platform stands, in words first (the badge only repeats
// them): queued, delivered at …, failing with the last error and the next try, or given up.

const TONE: Record<DeliveryState["status"], BadgeTone> = { QUEUED: "neutral", DELIVERED: "success", FAILING: "warning", GIVEN_UP: "danger" };
const LABEL: Record<DeliveryState["status"], string> = { QUEUED: "Queued", DELIVERED: "Delivered", FAILING: "Failing", GIVEN_UP: "Given up" };

export function DeliveryBadge({ delivery }: { delivery: DeliveryState }) {
  return <Badge tone={TONE[delivery.status]}>{LABEL[delivery.status]}</Badge>;
}

/** One line saying what happened and what happens next. */
export function deliverySentence(d: DeliveryState): string {
  const attempts = `${d.attempts} attempt${d.attempts === 1 ? "" : "s"}`;
  switch (d.status) {
    case "DELIVERED":
      return `Delivered ${d.deliveredAt ? formatUtc(d.deliveredAt, { seconds: true }) : ""}${d.attempts > 1 ? ` after ${attempts}` : ""}.`;
    case "QUEUED":
      return d.endpointConfigured ? "Queued for delivery." : "Queued: no platform endpoint is configured (CUSTODY_PLATFORM_WEBHOOK_URL), so nothing is sent yet.";
    case "FAILING":
      return `Failing after ${attempts}: ${d.lastError ?? "unknown error"}.${d.nextAttemptAt ? ` Next try ${formatUtc(d.nextAttemptAt)}.` : ""}`;
    case "GIVEN_UP":
      return `Given up after ${attempts}${d.givenUpAt ? ` (${formatUtc(d.givenUpAt, { seconds: false })})` : ""}: ${d.lastError ?? "unknown error"}. An admin can retry it.`;
  }
}

export function DeliveryStatus({ delivery }: { delivery: DeliveryState }) {
  return (
    <p className="mt-1.5 flex flex-wrap items-baseline gap-x-1.5 gap-y-0.5 border-t border-zinc-100 pt-1.5 text-xs text-zinc-700" data-testid="delivery-status">
      <span className="font-medium text-zinc-800">Platform:</span>
      <DeliveryBadge delivery={delivery} />
      <span>{deliverySentence(delivery)}</span>
    </p>
  );
}
