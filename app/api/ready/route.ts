import { json } from "@/lib/http/handle";
import { checkReadiness } from "@/lib/readiness/check-readiness";

// "GET /api/ready" is public (permission: none in lib/policy/operations.ts), for load balancers
// and orchestrators: 200 when this instance can serve (database, sealer lag, checkpoint store,
// key provider), 503 naming what fails. /api/health stays the liveness probe.
export async function GET() {
  const readiness = await checkReadiness();
  return json(readiness, { status: readiness.ready ? 200 : 503 });
}
