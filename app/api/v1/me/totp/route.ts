import { authorizeApi } from "@/lib/auth/authorize";
import { startTotpEnrolment } from "@/lib/auth/step-up";
import { assertSameOriginMutation, errorResponse, json } from "@/lib/http/handle";

/**
 * Starts authenticator enrolment: a new secret, held (sealed) on this session until the first
 * code confirms it through POST /api/v1/me/step-up. Only for staff without one yet.
 */
export async function POST(req: Request) {
  try {
    assertSameOriginMutation(req);
    const staff = await authorizeApi("POST /api/v1/me/totp", req);
    return json(await startTotpEnrolment(staff));
  } catch (err) {
    return errorResponse(err);
  }
}
