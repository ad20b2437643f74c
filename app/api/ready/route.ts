import { json } from "@/lib/http/handle";
import { withPublicOperation } from "@/lib/http/with-operation";
import { checkReadiness } from "@/lib/readiness/check-readiness";

// Public (permission: none), so the lighter wrapper, for load balancers and orchestrators:
// 200 when this instance can serve (database, sealer lag, checkpoint store, key provider),
// 503 naming what fails. /api/health stays the liveness probe.
export const GET = withPublicOperation("GET /api/ready", async () => {
  const readiness = await checkReadiness();
  return json(readiness, { status: readiness.ready ? 200 : 503 });
});
