import { json } from "@/lib/http/handle";
import { decisionIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { retryDelivery } from "@/lib/outbox/retry-delivery";

export const POST = withOperation("POST /api/v1/admin/deliveries/{decisionId}/retry", { params: { decisionId: decisionIdParam } }, async ({ staff, params, meta }) =>
  json({ delivery: await retryDelivery(staff, params.decisionId, meta) }),
);
