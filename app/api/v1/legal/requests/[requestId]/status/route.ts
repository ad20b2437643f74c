import { json } from "@/lib/http/handle";
import { legalRequestIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { statusChangeBody as body } from "@/lib/legal/request-body";
import { changeLegalRequestStatus } from "@/lib/legal/request-status";

/** 200 with the new status; 403 LEGAL_BAD_TRANSITION or LEGAL_SELF_APPROVAL (logged); 404 for an unknown request. */
export const POST = withOperation("POST /api/v1/legal/requests/{requestId}/status", { params: { requestId: legalRequestIdParam }, body }, async ({ staff, params, body, meta }) =>
  json(await changeLegalRequestStatus(staff, params.requestId, body, meta)),
);
