import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/handle";

// "GET /api/health" is public (permission: none in lib/policy/operations.ts): it says only
// whether the server and database are up.
export async function GET() {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
}
