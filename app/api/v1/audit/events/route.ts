import { z } from "zod";
import { searchAuditEvents } from "@/lib/audit/search-events";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

const query = z.object({
  actor: z.string().max(200).optional(),
  action: z.string().max(50).optional(),
  outcome: z.enum(["ALLOWED", "DENIED", "FAILED"]).optional(),
  caseId: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  cursor: z.string().max(30).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/events", req);
    return json(await searchAuditEvents(staff, query.parse(Object.fromEntries(new URL(req.url).searchParams))));
  } catch (err) {
    return errorResponse(err);
  }
}
