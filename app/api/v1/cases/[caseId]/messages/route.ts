import { readCaseMessages } from "@/lib/access/read-case-messages";
import { currentStaff } from "@/lib/auth/current-staff";
import { errorResponse, json } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";

// "GET /api/v1/cases/{caseId}/messages": the only route that returns DM plaintext. The policy
// is asked inside lib/access/read-case-messages.ts, which logs every refusal (including a
// missing session or the wrong role) as a CONTENT_READ denial rather than a generic one.
// Never prerendered or cached, whatever the request looks like (and Next skips its per-request
// tracking of what the handler reads, which only serves static generation).
export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ caseId: string }> }) {
  try {
    const { caseId } = await ctx.params;
    const ids = new URL(req.url).searchParams.get("ids");
    const body = await readCaseMessages(
      await currentStaff(),
      { caseId, messageIds: ids ? ids.split(",").filter(Boolean).slice(0, 500) : undefined },
      requestMetaFrom(req.headers),
    );
    return json(body);
  } catch (err) {
    return errorResponse(err);
  }
}
