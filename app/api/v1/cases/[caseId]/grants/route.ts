import { z } from "zod";
import { requestGrant } from "@/lib/access/request-grant";
import { authorizeApi } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { MIN_JUSTIFICATION } from "@/lib/policy/limits";
import { PURPOSES } from "@/lib/policy/purposes";

// Positions for report/flag/appeal scopes; a time window for EMERGENCY.
const scope = z.union([
  z.object({ from: z.number().int().min(1), to: z.number().int().min(1) }).strict(),
  z.object({ sentFrom: z.coerce.date(), sentTo: z.coerce.date() }).strict(),
]);

const body = z.object({
  purpose: z.enum(PURPOSES),
  justification: z.string().trim().min(MIN_JUSTIFICATION, `a justification of at least ${MIN_JUSTIFICATION} characters is required`).max(2000),
  scope: scope.optional(),
});

/** 201 with a live grant, or 202 with a request awaiting second-person approval. */
export async function POST(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { caseId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/cases/{caseId}/grants", req);
    if (!UUID_RE.test(caseId)) throw new NotFoundError("No such case.");
    const input = body.parse(await readJson(req));
    const { status, grant } = await requestGrant(staff, { caseId, ...input }, requestMetaFrom(req.headers));
    return json({ grant }, { status });
  } catch (err) {
    return errorResponse(err);
  }
}
