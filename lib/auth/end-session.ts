import "server-only";
import { getDb } from "@/lib/db";
import { assertSameOriginMutation } from "@/lib/http/handle";
import { clearedHostCookie, cookieFromHeaders, SESSION_COOKIE } from "./opaque-session";
import { sessionIdFromOpaqueToken } from "./session-cookie";
import { endSession } from "./session-store";

/**
 * POST /api/auth/session/end: signs out the session the opaque SSO cookie names (logged as a
 * SIGN_OUT), and clears the cookie. Same-origin and the x-custody-request header are checked
 * first, so another site cannot sign a reviewer out. Without a live session it only clears.
 */
export async function endSessionFromRequest(req: Request): Promise<Response> {
  assertSameOriginMutation(req);
  const sid = await sessionIdFromOpaqueToken(cookieFromHeaders(req.headers, SESSION_COOKIE));
  let ended = false;
  if (sid) {
    const db = getDb();
    const row = await db.staffSession.findUnique({ where: { id: sid }, select: { endedAt: true, staff: { select: { id: true, email: true, roles: true } } } });
    if (row && !row.endedAt) {
      await endSession(db, sid, row.staff, "SIGNED_OUT");
      ended = true;
    }
  }
  return Response.json({ ended }, { headers: { "set-cookie": clearedHostCookie(SESSION_COOKIE), "cache-control": "no-store" } });
}
