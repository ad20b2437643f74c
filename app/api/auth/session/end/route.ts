import { endSessionFromRequest } from "@/lib/auth/end-session";
import { withPublicOperation } from "@/lib/http/with-operation";

// Sign-out of an SSO session: CSRF (same origin and x-custody-request) checked in lib/auth/end-session.ts.
export const POST = withPublicOperation("POST /api/auth/session/end", (req) => endSessionFromRequest(req));
