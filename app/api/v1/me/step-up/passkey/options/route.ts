import { passkeyStepUpOptions } from "@/lib/auth/passkeys/passkey-step-up";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

/** Options for navigator.credentials.get() over the caller's own passkeys; single-use 120 s challenge. */
export const POST = withOperation("POST /api/v1/me/step-up/passkey/options", {}, async ({ staff }) => json(await passkeyStepUpOptions(staff)));
