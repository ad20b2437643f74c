import { z } from "zod";
import { setDetectionRegion } from "@/lib/detection/regions";
import { json } from "@/lib/http/handle";
import { regionParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

export const PUT = withOperation("PUT /api/v1/detection/regions/{region}", { params: { region: regionParam }, body: z.strictObject({ enabled: z.boolean() }) }, async ({ staff, params, body, meta }) =>
  json(await setDetectionRegion(staff, params.region, body.enabled, meta)),
);
