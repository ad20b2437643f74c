import { latestCheckpoint } from "@/lib/audit/proofs/log-proofs";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

// "GET /api/v1/audit/checkpoints/latest": the newest signed checkpoint (tree size, root, note).
export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/checkpoints/latest", req);
    return json(await latestCheckpoint(staff));
  } catch (err) {
    return errorResponse(err);
  }
}
