import { authorizeApi } from "@/lib/auth/authorize";
import { NotFoundError } from "@/lib/errors";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { updateStaff } from "@/lib/staff/save-staff";
import { staffUpdateInput } from "@/lib/staff/staff-input";

/** Replaces a staff member's name, roles, regions, links and disabled flag (the whole record). */
export async function PATCH(req: Request, ctx: { params: Promise<{ staffId: string }> }) {
  try {
    assertSameOriginMutation(req);
    const { staffId } = await ctx.params;
    const staff = await authorizeApi("PATCH /api/v1/staff/{staffId}", req);
    if (!UUID_RE.test(staffId)) throw new NotFoundError("No such staff member.");
    const input = staffUpdateInput.parse(await readJson(req));
    return json({ staff: await updateStaff(staff, staffId, input, requestMetaFrom(req.headers)) });
  } catch (err) {
    return errorResponse(err);
  }
}
