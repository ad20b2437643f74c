import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { cookies } from "next/headers";
import { getPool } from "@/lib/db";
import { env } from "@/lib/env";
import { SESSION_COOKIE, sessionTokenHash } from "./opaque-session";

// Reads the session id from next-auth's cookie without next-auth's per-request round trip
// (getServerSession re-encrypts and re-sets the cookie on every call, which the content route
// pays for hundreds of times a second). Liveness — idle and absolute timeouts, sign-out,
// disabling — is decided server-side from staff_session, so nothing is lost by not rolling
// the cookie; its own expiry still caps it at 12 hours.

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

// next-auth's JWE key: HKDF-SHA256 of the secret with an empty salt and this label (what
// next-auth/jwt's decode derives, asynchronously, on every call). Derived once per secret.
const derivedKeys = new Map<string, Uint8Array>();
function encryptionKey(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync("sha256", secret, "", "NextAuth.js Generated Encryption Key", 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

/** The session id in a next-auth session token, or null if it is tampered, foreign, expired or has none. */
export async function sessionIdFromToken(token: string, secret: string): Promise<string | null> {
  try {
    // The same check as next-auth/jwt's decode: A256GCM direct encryption, 15 s clock tolerance.
    const { payload } = await jwtDecrypt(token, encryptionKey(secret), { clockTolerance: 15 });
    return typeof payload.sid === "string" ? payload.sid : null;
  } catch {
    return null;
  }
}

/** The session an opaque SSO cookie names (only its hash is stored), or null. */
export async function sessionIdFromOpaqueToken(token: string | null | undefined): Promise<string | null> {
  const hash = sessionTokenHash(token);
  if (!hash) return null;
  const { rows } = await getPool().query<{ id: string }>({ name: "custody-session-by-token", text: "SELECT id FROM staff_session WHERE token_hash = $1", values: [Buffer.from(hash)] });
  return rows[0]?.id ?? null;
}

/**
 * The session id of this request: from the opaque cookie an SSO sign-in set
 * (lib/auth/oidc/), else from next-auth's cookie (the demo's password sign-in).
 */
export async function sessionIdFromCookie(): Promise<string | null> {
  const jar = await cookies();
  const opaque = jar.get(SESSION_COOKIE)?.value;
  if (opaque) return sessionIdFromOpaqueToken(opaque);
  const raw = COOKIE_NAMES.map((n) => jar.get(n)?.value).find(Boolean);
  if (!raw) return null;
  return sessionIdFromToken(raw, env().NEXTAUTH_SECRET);
}
