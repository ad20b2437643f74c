import { z } from "zod";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { json } from "@/lib/http/handle";
import { requestIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({ note: safeText.trim().max(2000).optional() });

export const POST = withOperation("POST /api/v1/grants/{grantId}/approve", { params: { grantId: requestIdParam }, body }, async ({ staff, params, body, meta }) =>
  json({ grant: await decideOnRequest(staff, { grantId: params.grantId, verdict: "approve", note: body.note }, meta) }),
);
