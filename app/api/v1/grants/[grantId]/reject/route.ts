import { z } from "zod";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { authorizeApi } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";

const body = z.object({ note: z.string().trim().min(3, "say why the request is rejected (at least 3 characters)").max(2000) });

export async function POST(req: Request, ctx: { params: Promise<{ grantId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { grantId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/grants/{grantId}/reject", req);
    if (!UUID_RE.test(grantId)) throw new NotFoundError("No such request.");
    const { note } = body.parse(await readJson(req));
    return json({ grant: await decideOnRequest(staff, { grantId, verdict: "reject", note }, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
