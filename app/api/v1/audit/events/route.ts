import { searchAuditEvents } from "@/lib/audit/search/search-events";
import { parseAuditFilters } from "@/lib/audit/search/search-filters";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse, json } from "@/lib/http/handle";

// Search the access log (auditors). Query: the filters of lib/audit/search/search-filters.ts, cursor,
// limit. A malformed filter is a 400 naming the field.
export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/events", req);
    const parsed = parseAuditFilters(new URL(req.url).searchParams);
    if (!parsed.success) throw parsed.error;
    return json(await searchAuditEvents(staff, parsed.data));
  } catch (err) {
    return errorResponse(err);
  }
}
