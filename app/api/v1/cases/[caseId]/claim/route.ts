import { currentStaff } from "@/lib/auth/current-staff";
import { claimCase } from "@/lib/cases/claim-case";
import { NotFoundError, UnauthenticatedError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";

export async function POST(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { caseId } = await ctx.params;
    const staff = await currentStaff();
    if (!staff) throw new UnauthenticatedError();
    if (!UUID_RE.test(caseId)) throw new NotFoundError("No such case.");
    return json({ case: await claimCase(staff, caseId, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
