import { authorizeApi } from "@/lib/auth/authorize";
import { assertSameOriginMutation, errorResponse, json, readJson } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { createStaff } from "@/lib/staff/save-staff";
import { staffCreateInput } from "@/lib/staff/staff-input";
import { listStaff } from "@/lib/staff/staff-record";

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/staff", req);
    return json({ staff: await listStaff(staff) });
  } catch (err) {
    return errorResponse(err);
  }
}

export async function POST(req: Request) {
  try {
    assertSameOriginMutation(req);
    const staff = await authorizeApi("POST /api/v1/staff", req);
    const input = staffCreateInput.parse(await readJson(req));
    return json({ staff: await createStaff(staff, input, requestMetaFrom(req.headers)) }, { status: 201 });
  } catch (err) {
    return errorResponse(err);
  }
}
