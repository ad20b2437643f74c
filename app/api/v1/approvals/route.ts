import { listApprovals } from "@/lib/approvals/list-approvals";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/approvals", req);
    return json(await listApprovals(staff));
  } catch (err) {
    return errorResponse(err);
  }
}
