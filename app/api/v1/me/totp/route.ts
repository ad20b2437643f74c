import { startTotpEnrolment } from "@/lib/auth/step-up";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

/**
 * Starts authenticator enrolment: a new secret, held (sealed) on this session until the first
 * code confirms it through POST /api/v1/me/step-up. Only for staff without one yet.
 */
export const POST = withOperation("POST /api/v1/me/totp", {}, async ({ staff }) => json(await startTotpEnrolment(staff)));
