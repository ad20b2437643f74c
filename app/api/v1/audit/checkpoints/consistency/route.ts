import { z } from "zod";
import { checkpointConsistency } from "@/lib/audit/proofs/log-proofs";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

const size = z.coerce.number({ error: "expected a tree size" }).int("expected a whole number").min(1, "tree sizes start at 1").max(Number.MAX_SAFE_INTEGER);
const query = z.object({ from: size, to: size.optional() });

// "?from=&to=": the RFC 6962 proof that the checkpoint of size `to` (default: the latest)
// only appended to the one of size `from`.
export const GET = withOperation("GET /api/v1/audit/checkpoints/consistency", { query }, async ({ staff, query }) =>
  json(await checkpointConsistency(staff, query.from, query.to)),
);
