import { json } from "@/lib/http/handle";
import { legalRequestIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { verificationBody as body } from "@/lib/legal/request-body";
import { verifyLegalRequest } from "@/lib/legal/verify-request";

/** 200 VERIFIED (with the cases opened) or REJECTED; 403 LEGAL_SELF_VERIFICATION for the one who took it in. */
export const POST = withOperation("POST /api/v1/legal/requests/{requestId}/verification", { params: { requestId: legalRequestIdParam }, body }, async ({ staff, params, body, meta }) =>
  json(await verifyLegalRequest(staff, params.requestId, body, meta)),
);
