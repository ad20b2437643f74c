import { searchAuditEvents } from "@/lib/audit/search/search-events";
import { auditFilterQuery } from "@/lib/audit/search/search-filters";
import { json } from "@/lib/http/handle";
import { withOperation } from "@/lib/http/with-operation";

// Search the access log (auditors): the filters of lib/audit/search/search-filters.ts, cursor,
// limit. A malformed filter is a 400 naming the field. Each page is logged as AUDIT_SEARCHED.
export const GET = withOperation("GET /api/v1/audit/events", { query: auditFilterQuery }, async ({ staff, query, meta }) => json(await searchAuditEvents(staff, query, meta)));
