import { json } from "@/lib/http/handle";
import { withSignedOperation } from "@/lib/http/with-signed-operation";
import { MAX_BODY_BYTES } from "@/lib/intake/limits";
import { ingestReport } from "@/lib/intake/reports";
import { reportBody } from "@/lib/intake/schemas";

// A user report (signed; see the README's "Intake API"): 201 when new, 200 with the same
// answer when re-sent.
export const POST = withSignedOperation("POST /api/v1/intake/reports", { body: reportBody, maxBytes: MAX_BODY_BYTES }, async ({ body, run }) => {
  const { duplicate, ...result } = await run((tx) => ingestReport(tx, body), (r) => ({ accepted: r.duplicate ? 0 : 1, duplicate: r.duplicate ? 1 : 0 }));
  return json(result, { status: duplicate ? 200 : 201 });
});
