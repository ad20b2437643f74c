import type { CaseDetail } from "@/lib/dto";
import { DECISION_LABEL } from "../labels";
import { DeliveryRefresh } from "./delivery-refresh";
import { DeliveryStatus } from "./delivery-status";
import { LocalTime } from "../ui/local-time";

export function DecisionSummary({ decision }: { decision: NonNullable<CaseDetail["decision"]> }) {
  const delivery = decision.delivery;
  return (
    <section aria-labelledby="decided-heading" className="rounded-md border border-zinc-200 bg-white px-3 py-2">
      <h2 id="decided-heading" className="text-[13px] font-semibold text-zinc-800">
        Decision: {DECISION_LABEL[decision.decision]}
      </h2>
      <p className="text-xs text-zinc-600">
        By {decision.decidedBy}, <LocalTime iso={decision.decidedAt} seconds={false} />
      </p>
      <p className="mt-1 break-words whitespace-pre-wrap">{decision.note}</p>
      {delivery ? (
        <>
          <DeliveryStatus delivery={delivery} />
          <DeliveryRefresh pending={(delivery.status === "QUEUED" && delivery.endpointConfigured) || delivery.status === "FAILING"} />
        </>
      ) : null}
    </section>
  );
}
