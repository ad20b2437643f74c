import { json } from "@/lib/http/handle";
import { withSignedOperation } from "@/lib/http/with-signed-operation";
import { MAX_UPLOAD_BODY_BYTES } from "@/lib/intake/limits";
import { uploadBody } from "@/lib/intake/schemas";
import { decodeUpload, storeUpload } from "@/lib/intake/uploads";

// One image ahead of its message (signed; see the README's "Intake API"), encrypted at once.
export const POST = withSignedOperation("POST /api/v1/intake/uploads", { body: uploadBody, maxBytes: MAX_UPLOAD_BODY_BYTES }, async ({ body, run }) => {
  const image = decodeUpload(body);
  return json(await run((tx) => storeUpload(tx, body.conversationId, image), () => ({ accepted: 1, duplicate: 0 })), { status: 201 });
});
