import { finishOidcSignIn } from "@/lib/auth/oidc/sign-in";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public: the provider's redirect back; every check and refusal is in lib/auth/oidc/sign-in.ts.
export const GET = withPublicOperation("GET /api/auth/oidc/callback", (req) => finishOidcSignIn(req));
