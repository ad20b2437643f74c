import { z } from "zod";
import { json } from "@/lib/http/handle";
import { holdIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { releaseHold } from "@/lib/legal/holds";
import { safeText } from "@/lib/validation/safe-text";

const body = z.strictObject({ reason: safeText.trim().min(10, "say why the hold is released (at least 10 characters)").max(2000) });

export const POST = withOperation("POST /api/v1/legal/holds/{holdId}/release", { params: { holdId: holdIdParam }, body }, async ({ staff, params, body, meta }) => {
  await releaseHold(staff, params.holdId, body.reason, meta);
  return json({ released: true });
});
