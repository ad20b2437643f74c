import { claimCase } from "@/lib/cases/claim-case";
import { json } from "@/lib/http/handle";
import { caseIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

export const POST = withOperation("POST /api/v1/cases/{caseId}/claim", { params: { caseId: caseIdParam } }, async ({ staff, params, meta }) =>
  json({ case: await claimCase(staff, params.caseId, meta) }),
);
