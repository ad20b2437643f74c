import { startOidcSignIn } from "@/lib/auth/oidc/sign-in";
import { withPublicOperation } from "@/lib/http/with-operation";

// Public: starts single sign-on (a redirect to the OpenID provider); lib/auth/oidc/sign-in.ts.
export const GET = withPublicOperation("GET /api/auth/oidc/start", (req) => startOidcSignIn(req));
