import { removePasskey } from "@/lib/auth/passkeys/enrol-passkey";
import { json } from "@/lib/http/handle";
import { textParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

/** Removes one of the caller's own passkeys; anyone else's (or a made-up id) is a logged 404. */
export const DELETE = withOperation("DELETE /api/v1/me/passkeys/{passkeyId}", { params: { passkeyId: textParam } }, async ({ staff, params, meta }) => {
  await removePasskey(staff, params.passkeyId, meta);
  return json({ removed: true });
});
