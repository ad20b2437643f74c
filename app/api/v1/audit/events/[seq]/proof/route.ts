import { z } from "zod";
import { eventInclusionProof } from "@/lib/audit/proofs/log-proofs";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

const query = z.object({ treeSize: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() });

// "GET /api/v1/audit/events/{seq}/proof[?treeSize=]": an event's inclusion proof against the
// latest checkpoint (or the one of `treeSize`), with the event and the signed checkpoint, so
// a client can recompute the leaf and check the path with lib/log/merkle/merkle-verify.ts.
export async function GET(req: Request, ctx: { params: Promise<{ seq: string }> }) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/events/{seq}/proof", req);
    const { seq } = await ctx.params;
    const { treeSize } = query.parse({ treeSize: new URL(req.url).searchParams.get("treeSize") ?? undefined });
    return json(await eventInclusionProof(staff, seq, { treeSize }));
  } catch (err) {
    return errorResponse(err);
  }
}
