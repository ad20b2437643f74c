import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { env } from "@/lib/env";

// Reads the session id from next-auth's cookie without next-auth's per-request round trip
// (getServerSession re-encrypts and re-sets the cookie on every call, which the content route
// pays for hundreds of times a second). Liveness — idle and absolute timeouts, sign-out,
// disabling — is decided server-side from staff_session, so nothing is lost by not rolling
// the cookie; its own expiry still caps it at 12 hours.

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

export async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: env().NEXTAUTH_SECRET });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null; // tampered, foreign or expired cookie: not signed in
  }
}
