import { PassThrough, Readable } from "node:stream";
import { legalRequestIdParam } from "@/lib/http/route-params";
import { withOperation } from "@/lib/http/with-operation";
import { prepareDisclosurePackage } from "@/lib/legal/disclosure/build-package";

/**
 * Builds an approved request's disclosure package and streams it as a ZIP (ADR 028). Before the
 * first byte: the EXPORT event naming every message and the request's move to DISCLOSED commit
 * together, and the event is sealed under a signed checkpoint. Refusals come as JSON: 403 (role,
 * step-up, legal basis), 404 (unknown request), 409 (not approved, already disclosed, nothing to
 * disclose), 503 (log unavailable or not sealed in time) — each logged, nothing decrypted.
 */
export const POST = withOperation("POST /api/v1/legal/requests/{requestId}/package", { params: { requestId: legalRequestIdParam } }, async ({ staff, params, meta }) => {
  const pkg = await prepareDisclosurePackage(staff, params.requestId, meta);
  const out = new PassThrough();
  // A failure mid-stream aborts the download (the recipient's verifier would refuse a cut ZIP anyway).
  pkg.write(out).catch((error: unknown) => {
    console.error("disclosure package aborted while streaming", { packageId: pkg.ticket.packageId, error: (error as Error).message });
    out.destroy(error as Error);
  });
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${pkg.fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-package-id": pkg.ticket.packageId,
      "x-export-event-seq": pkg.ticket.seq.toString(),
    },
  });
});
