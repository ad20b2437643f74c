import { latestCheckpoint } from "@/lib/audit/proofs/log-proofs";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

// The newest signed checkpoint (tree size, root, note).
export const GET = withOperation("GET /api/v1/audit/checkpoints/latest", {}, async ({ staff }) => json(await latestCheckpoint(staff)));
