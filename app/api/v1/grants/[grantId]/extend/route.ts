import { z } from "zod";
import { extendGrant } from "@/lib/access/extend-grant";
import { json } from "@/lib/http/handle";
import { grantIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({
  justification: safeText.trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
});

/** 200 with the extended grant; 403 naming why not (cap, expired, revoked, step-up); 404 for a grant that is not the caller's. */
export const POST = withOperation("POST /api/v1/grants/{grantId}/extend", { params: { grantId: grantIdParam }, body }, async ({ staff, params, body, meta }) => {
  const grant = await extendGrant(staff, { grantId: params.grantId, justification: body.justification }, meta);
  return json({ grant });
});
