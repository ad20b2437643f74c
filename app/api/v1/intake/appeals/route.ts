import { json } from "@/lib/http/handle";
import { withSignedOperation } from "@/lib/http/with-signed-operation";
import { ingestAppeal } from "@/lib/intake/appeals";
import { MAX_BODY_BYTES } from "@/lib/intake/limits";
import { appealBody } from "@/lib/intake/schemas";

// An appeal of a delivered decision (signed; see the README's "Intake API"): 201 when new,
// 200 with the same answer when re-sent.
export const POST = withSignedOperation("POST /api/v1/intake/appeals", { body: appealBody, maxBytes: MAX_BODY_BYTES }, async ({ body, run }) => {
  const { duplicate, appealId, caseId } = await run((tx) => ingestAppeal(tx, body), (r) => ({ accepted: r.duplicate ? 0 : 1, duplicate: r.duplicate ? 1 : 0 }));
  return json({ appealId, caseId }, { status: duplicate ? 200 : 201 });
});
