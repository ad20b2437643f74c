import { z } from "zod";
import { checkpointConsistency } from "@/lib/audit/proofs/log-proofs";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

const size = z.coerce.number({ error: "expected a tree size" }).int("expected a whole number").min(1, "tree sizes start at 1").max(Number.MAX_SAFE_INTEGER);
const query = z.object({ from: size, to: size.optional() });

// "GET /api/v1/audit/checkpoints/consistency?from=&to=": the RFC 6962 proof that the checkpoint
// of size `to` (default: the latest) only appended to the one of size `from`.
export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/checkpoints/consistency", req);
    const params = new URL(req.url).searchParams;
    const q = query.parse({ from: params.get("from") ?? undefined, to: params.get("to") ?? undefined });
    return json(await checkpointConsistency(staff, q.from, q.to));
  } catch (err) {
    return errorResponse(err);
  }
}
