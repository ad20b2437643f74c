import { z } from "zod";
import { verifyStepUp } from "@/lib/auth/step-up";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

const body = z.object({ code: safeText.trim().regex(/^\d{6}$/, "enter the 6-digit code from your authenticator") });

/** Checks a TOTP code; on success this session may read content for the next 15 minutes. */
export const POST = withOperation("POST /api/v1/me/step-up", { body }, async ({ staff, body, meta }) => json(await verifyStepUp(staff, body.code, meta)));
