import { listDetectionRegions } from "@/lib/detection/regions";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

export const GET = withOperation("GET /api/v1/detection/regions", {}, async ({ staff }) => json({ regions: await listDetectionRegions(staff) }));
