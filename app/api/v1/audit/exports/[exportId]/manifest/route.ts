import { exportManifest } from "@/lib/audit/export/start-export";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse } from "@/lib/http/handle";

// "GET /api/v1/audit/exports/{exportId}/manifest": the signed manifest of a finished export
// (its id is in the export's x-custody-export-id header), as a C2SP signed note.
export async function GET(req: Request, ctx: { params: Promise<{ exportId: string }> }) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/exports/{exportId}/manifest", req);
    const { exportId } = await ctx.params;
    const note = await exportManifest(staff, exportId);
    return new Response(note, {
      headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="custody-export-${exportId}.manifest"`, "cache-control": "no-store" },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
