import { z } from "zod";
import { authorizeApi } from "@/lib/auth/authorize";
import { decideCase } from "@/lib/cases/decide-case";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";

const body = z.object({
  decision: z.enum(["NO_VIOLATION", "WARN", "REMOVE_MESSAGE", "RESTRICT_DMS", "SUSPEND", "ESCALATE"]),
  note: z.string().trim().min(3, "a note of at least 3 characters is required").max(4000),
});

export async function POST(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { caseId } = await ctx.params;
    const staff = await authorizeApi("POST /api/v1/cases/{caseId}/decision", req);
    if (!UUID_RE.test(caseId)) throw new NotFoundError("No such case.");
    const input = body.parse(await readJson(req));
    return json({ case: await decideCase(staff, { caseId, ...input }, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
