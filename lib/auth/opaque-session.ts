import { createHash, randomBytes } from "node:crypto";

// The session cookie an SSO sign-in sets: 32 random bytes, base64url, meaning nothing by
// itself. Only its SHA-256 is stored (staff_session.token_hash), so a copy of the database
// holds no usable session. `__Host-` pins it to this origin, path / and HTTPS (browsers treat
// http://localhost as secure for this); HttpOnly keeps it from scripts; SameSite=Lax keeps it
// off cross-site subresource requests while the provider's redirect back still carries it.

export const SESSION_COOKIE = "__Host-custody-session";
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** Bytes as Prisma's Bytes columns take them. */
export type Hash = Uint8Array<ArrayBuffer>;

export function newSessionToken(): { token: string; hash: Hash } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: sha256(token) };
}

export function sha256(value: string): Hash {
  return new Uint8Array(createHash("sha256").update(value).digest());
}

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a).equals(Buffer.from(b));
}

/** The stored hash of a cookie value, or null when it cannot be one of ours (so no lookup is made). */
export function sessionTokenHash(token: string | null | undefined): Hash | null {
  return token && TOKEN_RE.test(token) ? sha256(token) : null;
}

/** A Set-Cookie value for a `__Host-` cookie (always Secure, Path=/, no Domain). */
export function hostCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedHostCookie(name: string): string {
  return `${name}=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Lax`;
}

/** One cookie's value from a request's Cookie header. */
export function cookieFromHeaders(headers: Headers, name: string): string | null {
  const raw = headers.get("cookie");
  if (!raw) return null;
  for (const part of raw.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
