import { passkeyRegistrationOptions } from "@/lib/auth/passkeys/enrol-passkey";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

/** Options for navigator.credentials.create(); the challenge is kept for this session, single use, 120 s. */
export const POST = withOperation("POST /api/v1/me/passkeys/options", {}, async ({ staff }) => json(await passkeyRegistrationOptions(staff)));
