import { z } from "zod";
import { reviewEmergencyAccess } from "@/lib/approvals/review-emergency";
import { authorizeApi } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { POST_HOC_VERDICTS } from "@/lib/policy/post-hoc-review";

const body = z.object({
  verdict: z.enum(POST_HOC_VERDICTS, { message: "say whether the emergency access was justified (JUSTIFIED or NOT_JUSTIFIED)" }),
  note: z.string().trim().min(MIN_JUSTIFICATION, `explain the verdict in at least ${MIN_JUSTIFICATION} characters`).max(2000),
});

export async function POST(req: Request, ctx: { params: Promise<{ grantId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { grantId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/grants/{grantId}/post-hoc-review", req);
    if (!UUID_RE.test(grantId)) throw new NotFoundError("No such grant.");
    const input = body.parse(await readJson(req));
    return json({ review: await reviewEmergencyAccess(staff, { grantId, ...input }, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
