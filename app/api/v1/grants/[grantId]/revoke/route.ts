import { z } from "zod";
import { revokeGrant } from "@/lib/approvals/revoke-grant";
import { json } from "@/lib/http/handle";
import { grantIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({ reason: safeText.trim().min(3, "say why the grant is revoked (at least 3 characters)").max(2000) });

export const POST = withOperation("POST /api/v1/grants/{grantId}/revoke", { params: { grantId: grantIdParam }, body }, async ({ staff, params, body, meta }) =>
  json({ grant: await revokeGrant(staff, { grantId: params.grantId, reason: body.reason }, meta) }),
);
