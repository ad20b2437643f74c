import { json } from "@/lib/http/handle";
import { withSignedOperation } from "@/lib/http/with-signed-operation";
import { MAX_BODY_BYTES } from "@/lib/intake/limits";
import { ingestMessages } from "@/lib/intake/messages";
import { messagesBatch } from "@/lib/intake/schemas";

// The platform pushes DMs (signed; see the README's "Intake API"). Encrypted before they are
// stored; proactive detection runs on them in the same transaction.
export const POST = withSignedOperation("POST /api/v1/intake/messages", { body: messagesBatch, maxBytes: MAX_BODY_BYTES }, async ({ body, runSql }) =>
  json(await runSql((sql) => ingestMessages(sql, body), (r) => ({ accepted: r.accepted, duplicate: r.duplicate }))),
);
