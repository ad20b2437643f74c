import { readCaseMessages } from "@/lib/access/read-case-messages";
import { LogUnavailableError } from "@/lib/errors";
import { json } from "@/lib/http/handle";
import { textParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

// The only route that returns DM plaintext. The policy is asked inside
// lib/access/read-case-messages.ts, which logs every refusal (including a missing session, the
// wrong role or an id that names no case) as a CONTENT_READ denial rather than a generic one:
// hence the session access, and the case id as text. If the database cannot be reached, the
// read cannot be logged, so nothing is shown: LOG_UNAVAILABLE.
// Never prerendered or cached, whatever the request looks like (and Next skips its per-request
// tracking of what the handler reads, which only serves static generation).
export const dynamic = "force-dynamic";

const logUnavailable = () => new LogUnavailableError();

export const GET = withOperation(
  "GET /api/v1/cases/{caseId}/messages",
  { access: "session", params: { caseId: textParam }, unavailable: logUnavailable },
  async ({ staff, params, url, meta }) => {
    const ids = url.searchParams.get("ids");
    return json(await readCaseMessages(staff, { caseId: params.caseId, messageIds: ids ? ids.split(",").filter(Boolean).slice(0, 500) : undefined }, meta));
  },
);
