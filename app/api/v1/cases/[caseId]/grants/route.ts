import { grantRequestBody as body } from "@/lib/access/grant-request-body";
import { requestGrant } from "@/lib/access/request-grant";
import { json } from "@/lib/http/handle";
import { caseIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

/** 201 with a live grant, or 202 with a request awaiting second-person approval. */
export const POST = withOperation("POST /api/v1/cases/{caseId}/grants", { params: { caseId: caseIdParam }, body }, async ({ staff, params, body, meta }) => {
  const { status, grant } = await requestGrant(staff, { caseId: params.caseId, ...body }, meta);
  return json({ grant }, { status });
});
