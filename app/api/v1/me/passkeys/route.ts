import { z } from "zod";
import { enrolPasskey, listPasskeys } from "@/lib/auth/passkeys/enrol-passkey";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";
import { registrationResponseSchema } from "@/lib/validation/webauthn";

const body = z.object({
  code: safeText.trim().regex(/^\d{6}$/, "enter the 6-digit code from your authenticator app"),
  name: safeText.trim().min(1, "give the passkey a name").max(100),
  response: registrationResponseSchema,
});

/** The signed-in member's own passkeys (names and dates, never keys). */
export const GET = withOperation("GET /api/v1/me/passkeys", {}, async ({ staff }) => json({ passkeys: await listPasskeys(staff) }));

/** 201 with the new passkey; 403 naming why not (code, challenge, verification, policy). */
export const POST = withOperation("POST /api/v1/me/passkeys", { body }, async ({ staff, body, meta }) => json({ passkey: await enrolPasskey(staff, body, meta) }, { status: 201 }));
