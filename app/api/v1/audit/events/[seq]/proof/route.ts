import { z } from "zod";
import { eventInclusionProof } from "@/lib/audit/proofs/log-proofs";
import { json } from "@/lib/http/handle";
import { textParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

const query = z.object({ treeSize: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional() });

// "[?treeSize=]": an event's inclusion proof against the latest checkpoint (or the one of
// `treeSize`), with the event and the signed checkpoint, so a client can recompute the leaf
// and check the path with lib/log/merkle/merkle-verify.ts. The lib parses `seq` (a 400 names it).
export const GET = withOperation("GET /api/v1/audit/events/{seq}/proof", { params: { seq: textParam }, query }, async ({ staff, params, query }) =>
  json(await eventInclusionProof(staff, params.seq, { treeSize: query.treeSize })),
);
