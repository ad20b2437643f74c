import { parseExportRequest } from "@/lib/audit/export/export-request";
import { startExport } from "@/lib/audit/export/start-export";
import { withOperation } from "@/lib/http/with-operation";

// "?format=jsonl|csv[&filters…][&fromLeaf=][&consistencyFrom=]": streams the log (or a
// filtered selection) in the export format that `npm run audit:verify` checks offline. The
// AUDIT_EXPORTED event is committed before the first byte; the signed manifest is at
// /api/v1/audit/exports/{x-custody-export-id}/manifest once the download ends. The query is
// parsed by the lib (filters resolve against the database), with the wrapper's text check.
export const GET = withOperation("GET /api/v1/audit/export", {}, async ({ staff, url, meta }) => {
  const started = await startExport(staff, await parseExportRequest(url.searchParams), meta);
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
});
