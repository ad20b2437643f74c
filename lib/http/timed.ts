import "server-only";
import { observeRequest } from "@/lib/observability/metrics";

/** Counts a request and its latency by operation id (lib/observability/metrics.ts). */
export async function timed(operation: string, response: Promise<Response>): Promise<Response> {
  const startedAt = performance.now();
  const res = await response;
  observeRequest(operation, res.status, startedAt);
  return res;
}
