import { readCaseMessages } from "@/lib/access/read-case-messages";
import { currentStaff } from "@/lib/auth/current-staff";
import { errorResponse, json } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";

// The only route that returns DM plaintext. See lib/access/read-case-messages.ts.
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
