import { checkHealth } from "@/lib/health";
import { json } from "@/lib/http/handle";

export async function GET() {
  const health = await checkHealth();
  return json(health, { status: health.ok ? 200 : 503 });
}
