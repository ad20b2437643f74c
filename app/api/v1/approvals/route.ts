import { listApprovals } from "@/lib/approvals/list-approvals";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

export const GET = withOperation("GET /api/v1/approvals", {}, async ({ staff }) => json(await listApprovals(staff)));
