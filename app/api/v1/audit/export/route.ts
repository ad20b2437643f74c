import { parseExportRequest } from "@/lib/audit/export/export-request";
import { startExport } from "@/lib/audit/export/start-export";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";

// "GET /api/v1/audit/export?format=jsonl|csv[&filters…][&fromLeaf=][&consistencyFrom=]":
// streams the log (or a filtered selection) in the export format that `npm run audit:verify`
// checks offline. The AUDIT_EXPORTED event is committed before the first byte; the signed
// manifest is at /api/v1/audit/exports/{x-custody-export-id}/manifest once the download ends.
export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/export", req);
    const request = await parseExportRequest(new URL(req.url).searchParams);
    const started = await startExport(staff, request, requestMetaFrom(req.headers));
    return new Response(started.stream, {
      headers: {
        "content-type": started.contentType,
        "content-disposition": `attachment; filename="${started.filename}"`,
        "cache-control": "no-store",
        "x-custody-export-id": started.exportId,
        "x-custody-tree-size": String(started.treeSize),
        "x-custody-export-scope": started.scope,
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
