import { authorizeApi } from "@/lib/auth/authorize";
import { claimCase } from "@/lib/cases/claim-case";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";

export async function POST(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { caseId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/cases/{caseId}/claim", req);
    if (!UUID_RE.test(caseId)) throw new NotFoundError("No such case.");
    return json({ case: await claimCase(staff, caseId, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
