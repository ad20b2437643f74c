import { z } from "zod";
import { expandScope } from "@/lib/access/expand-scope";
import { json } from "@/lib/http/handle";
import { grantIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({
  direction: z.enum(["earlier", "later"]),
  justification: safeText.trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
});

/** 200 with the widened grant, or 202 with a request for the wider scope awaiting approval. */
export const POST = withOperation("POST /api/v1/grants/{grantId}/scope", { params: { grantId: grantIdParam }, body }, async ({ staff, params, body, meta }) => {
  const { status, grant } = await expandScope(staff, { grantId: params.grantId, ...body }, meta);
  return json({ grant }, { status });
});
