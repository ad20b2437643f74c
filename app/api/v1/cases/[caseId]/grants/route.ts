import { z } from "zod";
import { requestGrant } from "@/lib/access/request-grant";
import { currentStaff } from "@/lib/auth/current-staff";
import { UnauthenticatedError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { PURPOSES } from "@/lib/policy/purposes";

const body = z.object({
  purpose: z.enum(PURPOSES),
  justification: z.string().trim().min(20, "a justification of at least 20 characters is required").max(2000),
});

export async function POST(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { caseId } = await ctx.params;
    const staff = await currentStaff();
    if (!staff) throw new UnauthenticatedError();
    const input = body.parse(await readJson(req));
    const { status, grant } = await requestGrant(staff, { caseId, ...input }, requestMetaFrom(req.headers));
    return json({ grant }, { status });
  } catch (err) {
    return errorResponse(err);
  }
}
