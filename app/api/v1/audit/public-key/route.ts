import { auditPublicKey } from "@/lib/log/checkpoints/public-key";
import { errorResponse } from "@/lib/http/handle";

// "GET /api/v1/audit/public-key" is public (permission: none): the verifier key
// (`<name>+<key id>+<base64 key>`) that checks every checkpoint and export manifest. Publishing
// it is what lets anyone, not only staff, hold the log to its signatures.
export async function GET() {
  try {
    return new Response(`${await auditPublicKey()}\n`, { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "public, max-age=300" } });
  } catch (err) {
    return errorResponse(err);
  }
}
