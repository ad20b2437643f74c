import { json } from "@/lib/http/handle";
import { withSignedOperation } from "@/lib/http/with-signed-operation";
import { ingestAccounts } from "@/lib/intake/accounts";
import { MAX_BODY_BYTES } from "@/lib/intake/limits";
import { accountsBatch } from "@/lib/intake/schemas";

// The platform pushes account facts (signed; see the README's "Intake API").
export const POST = withSignedOperation("POST /api/v1/intake/accounts", { body: accountsBatch, maxBytes: MAX_BODY_BYTES }, async ({ body, run }) =>
  json(await run((tx) => ingestAccounts(tx, body), (r) => r)),
);
