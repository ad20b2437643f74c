import { z } from "zod";
import { verifyPasskeyStepUp } from "@/lib/auth/passkeys/passkey-step-up";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { authenticationResponseSchema } from "@/lib/validation/webauthn";

const body = z.object({ response: authenticationResponseSchema });

/** Checks a passkey assertion; on success this session may read content for the next 15 minutes. */
export const POST = withOperation("POST /api/v1/me/step-up/passkey", { body }, async ({ staff, body, meta }) => json(await verifyPasskeyStepUp(staff, body.response, meta)));
