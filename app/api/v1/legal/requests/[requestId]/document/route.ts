import { readLegalDocument } from "@/lib/access/read-legal-document";
import { legalRequestIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";

/** The document's bytes, never cached, offered as a download (a PDF is not rendered inline from here). */
export const GET = withOperation("GET /api/v1/legal/requests/{requestId}/document", { params: { requestId: legalRequestIdParam } }, async ({ staff, params, meta }) => {
  const doc = await readLegalDocument(staff, params.requestId, meta);
  return new Response(new Uint8Array(doc.bytes), {
    headers: {
      "content-type": doc.mediaType,
      "content-disposition": `attachment; filename="${doc.fileName.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-document-sha256": doc.sha256,
    },
  });
});
