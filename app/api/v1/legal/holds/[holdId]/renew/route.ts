import { json } from "@/lib/http/handle";
import { holdIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { renewHold } from "@/lib/legal/holds";

export const POST = withOperation("POST /api/v1/legal/holds/{holdId}/renew", { params: { holdId: holdIdParam } }, async ({ staff, params, meta }) => json({ hold: await renewHold(staff, params.holdId, meta) }));
