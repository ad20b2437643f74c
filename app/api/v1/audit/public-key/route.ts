import { auditPublicKey } from "@/lib/log/checkpoints/public-key";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public (permission: none), so the lighter wrapper, and cacheable: the verifier key
// (`<name>+<key id>+<base64 key>`) that checks every checkpoint and export manifest.
// Publishing it is what lets anyone, not only staff, hold the log to its signatures.
export const GET = withPublicOperation("GET /api/v1/audit/public-key", async () => {
  return new Response(`${await auditPublicKey()}\n`, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } });
});
