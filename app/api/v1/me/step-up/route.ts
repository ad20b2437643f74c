import { z } from "zod";
import { authorizeApi } from "@/lib/auth/authorize";
import { verifyStepUp } from "@/lib/auth/step-up";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";

const body = z.object({ code: z.string().trim().regex(/^\d{6}$/, "enter the 6-digit code from your authenticator") });

/** Checks a TOTP code; on success this session may read content for the next 15 minutes. */
export async function POST(req: Request) {
  try {
    assertSameOriginMutation(req);
    const staff = await authorizeApi("POST /api/v1/me/step-up", req);
    const { code } = body.parse(await readJson(req));
    return json(await verifyStepUp(staff, code, requestMetaFrom(req.headers)));
  } catch (err) {
    return errorResponse(err);
  }
}
