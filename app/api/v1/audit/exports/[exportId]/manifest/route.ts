import { exportManifest } from "@/lib/audit/export/start-export";
import { textParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

// The signed manifest of a finished export (its id is in the export's x-custody-export-id
// header), as a C2SP signed note. The lib checks the id's form (a 400 names it).
export const GET = withOperation("GET /api/v1/audit/exports/{exportId}/manifest", { params: { exportId: textParam } }, async ({ staff, params }) => {
  const note = await exportManifest(staff, params.exportId);
  return new Response(note, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="custody-export-${params.exportId}.manifest"`, "cache-control": "no-store" },
  });
});
