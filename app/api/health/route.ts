import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/handle";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public (permission: none), so the lighter wrapper: it says only whether the server and
// database are up, to load balancers that hold no session.
export const GET = withPublicOperation("GET /api/health", async () => {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
});
