import { z } from "zod";
import { expandScope } from "@/lib/access/expand-scope";
import { authorizeApi } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";

const body = z.object({
  direction: z.enum(["earlier", "later"]),
  justification: z.string().trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
});

/** 200 with the widened grant, or 202 with a request for the wider scope awaiting approval. */
export async function POST(req: Request, ctx: { params: Promise<{ grantId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { grantId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/grants/{grantId}/scope", req);
    if (!UUID_RE.test(grantId)) throw new NotFoundError("No such grant.");
    const input = body.parse(await readJson(req));
    const { status, grant } = await expandScope(staff, { grantId, ...input }, requestMetaFrom(req.headers));
    return json({ grant }, { status });
  } catch (err) {
    return errorResponse(err);
  }
}
