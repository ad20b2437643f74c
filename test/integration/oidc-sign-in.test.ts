import { createPrivateKey, randomBytes, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { endSessionFromRequest } from "@/lib/auth/end-session";
import { finishOidcSignIn, type OidcDeps, startOidcSignIn } from "@/lib/auth/oidc/sign-in";
import { SESSION_COOKIE, sha256 } from "@/lib/auth/opaque-session";
import { sessionIdFromOpaqueToken } from "@/lib/auth/session-cookie";
import { resolveSession } from "@/lib/auth/session-store";
import { disconnectDb, getDb } from "@/lib/db";
import { upsertStaff } from "@/prisma/factories";
import { APP, CLIENT, type IdpProcess, loginAtProvider, startIdp } from "./idp-process";
import { eventsSince, lastSeq, uid } from "./world";

// Single sign-on against a real OpenID provider (oidc-provider in its own process), from the
// attacker's side: unknown people, re-binding, disabled staff, tampered and re-signed tokens,
// replayed and planted callbacks, a rotated key, a provider that is down, guessed cookies and
// a cross-site sign-out.

vi.mock("next/headers", () => ({ cookies: async () => ({ get: () => undefined }) }));

const run = uid();
const email = (n: string) => `sso-${n}-${run}@custody.test`;
const USERS = [
  { login: "linker", password: "pw", sub: `sub-linker-${run}`, email: email("linker"), email_verified: true, amr: ["pwd"] },
  { login: "stranger", password: "pw", sub: `sub-stranger-${run}`, email: `stranger-${run}@example.test`, email_verified: true, amr: ["pwd"] },
  { login: "unverified", password: "pw", sub: `sub-unverified-${run}`, email: email("unverified"), email_verified: false, amr: ["pwd"] },
  { login: "rebinder", password: "pw", sub: `sub-rebinder-${run}`, email: email("linker"), email_verified: true, amr: ["pwd"] },
  { login: "disabled", password: "pw", sub: `sub-disabled-${run}`, email: email("disabled"), email_verified: true, amr: ["pwd"] },
  { login: "mfa", password: "pw", sub: `sub-mfa-${run}`, email: email("mfa"), email_verified: true, amr: ["pwd", "otp", "mfa"] },
  { login: "plain", password: "pw", sub: `sub-plain-${run}`, email: email("plain"), email_verified: true, amr: ["pwd"] },
];

let idp: IdpProcess;
const deps = (extra: Partial<OidcDeps> = {}): OidcDeps => ({ settings: { issuer: idp.issuer, ...CLIENT }, ...extra });

/** start → the provider's login → the callback URL and the state cookie this browser holds. */
async function throughProvider(login: string, d = deps()) {
  const start = await startOidcSignIn(new Request(`${APP}/api/auth/oidc/start?callbackUrl=/queue`), d);
  expect(start.status).toBe(303);
  const stateCookie = start.headers.getSetCookie()[0]!.split(";")[0]!;
  const callback = await loginAtProvider(start.headers.get("location")!, login, "pw");
  return { callback, stateCookie };
}
const callbackRequest = (callback: string, cookie: string | null) => new Request(callback, { headers: cookie ? { cookie } : {} });
function sessionCookieOf(res: Response): string | null {
  const c = res.headers.getSetCookie().find((v) => v.startsWith(`${SESSION_COOKIE}=`) && !v.includes("Max-Age=0"));
  return c ? c.split(";")[0]!.slice(SESSION_COOKIE.length + 1) : null;
}
async function signIn(login: string, d = deps()) {
  const { callback, stateCookie } = await throughProvider(login, d);
  return finishOidcSignIn(callbackRequest(callback, stateCookie), d);
}
const errorOf = (res: Response) => new URL(res.headers.get("location")!).searchParams.get("error");

/** A party in the middle of the token response, rewriting the ID token. */
function tokenMitm(rewrite: (idToken: string) => string): OidcDeps["fetch"] {
  return async (url, options) => {
    const res = await fetch(url, options as RequestInit);
    if (!url.endsWith("/token")) return res;
    const body = (await res.json()) as { id_token: string };
    return Response.json({ ...body, id_token: rewrite(body.id_token) }, { status: res.status });
  };
}
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
function resign(idToken: string, change: (p: Record<string, unknown>) => Record<string, unknown>, keyFile = idp.keyFile): string {
  const [h, p] = idToken.split(".");
  const payload = change(JSON.parse(Buffer.from(p!, "base64url").toString()) as Record<string, unknown>);
  const jwk = JSON.parse(readFileSync(keyFile, "utf8")) as { kid: string };
  const header = { ...(JSON.parse(Buffer.from(h!, "base64url").toString()) as object), kid: jwk.kid };
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign("sha256", Buffer.from(input), createPrivateKey({ key: jwk as never, format: "jwk" })).toString("base64url")}`;
}

beforeAll(async () => {
  idp = await startIdp({ users: USERS });
  const db = getDb();
  for (const n of ["linker", "unverified", "disabled", "mfa", "plain"]) await upsertStaff(db, { email: email(n), name: `SSO ${n}`, roles: ["REVIEWER"], regions: ["US"] });
});
afterAll(async () => {
  await idp?.stop();
  await disconnectDb();
});

describe("SSO sign-in against the real provider", () => {
  it("links a staff member once by verified e-mail, then matches by issuer and subject; the opaque cookie resolves the session", async () => {
    const before = await lastSeq();
    const res = await signIn("linker");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${APP}/queue`);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(SESSION_COOKIE))!;
    expect(set).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    const token = sessionCookieOf(res)!;
    const staff = await getDb().staff.findUniqueOrThrow({ where: { email: email("linker") } });
    expect([staff.oidcIssuer, staff.oidcSubject]).toEqual([idp.issuer, `sub-linker-${run}`]);
    const sid = (await sessionIdFromOpaqueToken(token))!;
    const row = await getDb().staffSession.findUniqueOrThrow({ where: { id: sid } });
    expect(Buffer.from(row.tokenHash!).equals(Buffer.from(sha256(token)))).toBe(true);
    expect((await resolveSession(sid))?.id).toBe(staff.id);
    const ev = (await eventsSince(before)).filter((e) => e.actorId === staff.id);
    expect(ev.map((e) => [e.action, (e.details as { linked: boolean }).linked])).toEqual([["SIGN_IN", true]]);
    const again = await signIn("linker");
    expect(sessionCookieOf(again)).not.toBeNull();
  });

  it("refuses and logs an unknown person and an unverified e-mail, and creates nobody", async () => {
    const count = await getDb().staff.count();
    const before = await lastSeq();
    expect(errorOf(await signIn("stranger"))).toBe("SSO_UNKNOWN");
    const unverified = await signIn("unverified");
    expect(errorOf(unverified)).toBe("SSO_UNKNOWN");
    expect(sessionCookieOf(unverified)).toBeNull();
    expect(await getDb().staff.count()).toBe(count);
    expect((await getDb().staff.findUniqueOrThrow({ where: { email: email("unverified") } })).oidcSubject).toBeNull();
    const ev = (await eventsSince(before)).filter((e) => e.action === "SIGN_IN_SSO_REFUSED");
    expect(ev.map((e) => e.denialReason)).toEqual(["SSO_UNKNOWN", "SSO_UNKNOWN"]);
  });

  it("never re-binds a linked record to another subject with the same e-mail", async () => {
    await signIn("linker");
    expect(errorOf(await signIn("rebinder"))).toBe("SSO_ALREADY_LINKED");
    expect((await getDb().staff.findUniqueOrThrow({ where: { email: email("linker") } })).oidcSubject).toBe(`sub-linker-${run}`);
  });

  it("refuses a disabled staff member and logs it under their name", async () => {
    const s = await getDb().staff.update({ where: { email: email("disabled") }, data: { disabled: true } });
    const before = await lastSeq();
    expect(errorOf(await signIn("disabled"))).toBe("DISABLED");
    expect((await eventsSince(before)).map((e) => [e.action, e.actorId, e.denialReason])).toEqual([["SIGN_IN_SSO_REFUSED", s.id, "DISABLED"]]);
  });

  it("refuses a tampered ID token, a wrong audience and an expired token", async () => {
    const tampered = tokenMitm((t) => {
      const [h, p, s] = t.split(".");
      const payload = JSON.parse(Buffer.from(p!, "base64url").toString()) as object;
      return `${h}.${b64({ ...payload, sub: `sub-linker-${run}` })}.${s}`;
    });
    expect(errorOf(await signIn("plain", deps({ fetch: tampered })))).toBe("SSO_TOKEN_INVALID");
    const audience = tokenMitm((t) => resign(t, (p) => ({ ...p, aud: "someone-else" })));
    expect(errorOf(await signIn("plain", deps({ fetch: audience })))).toBe("SSO_TOKEN_INVALID");
    const expired = tokenMitm((t) => resign(t, (p) => ({ ...p, iat: Math.floor(Date.now() / 1000) - 7200, exp: Math.floor(Date.now() / 1000) - 3600 })));
    expect(errorOf(await signIn("plain", deps({ fetch: expired })))).toBe("SSO_TOKEN_INVALID");
    // The same re-signing with nothing changed passes: the refusals above are the claims'.
    expect(sessionCookieOf(await signIn("plain", deps({ fetch: tokenMitm((t) => resign(t, (p) => p)) })))).not.toBeNull();
  });

  it("refuses a replayed callback and a callback planted in another browser", async () => {
    const { callback, stateCookie } = await throughProvider("plain");
    expect(sessionCookieOf(await finishOidcSignIn(callbackRequest(callback, stateCookie), deps()))).not.toBeNull();
    expect(errorOf(await finishOidcSignIn(callbackRequest(callback, stateCookie), deps()))).toBe("SSO_STATE");
    // The attacker's own sign-in, finished in the victim's browser (which started its own).
    const attacker = await throughProvider("stranger");
    const victim = await throughProvider("plain");
    expect(errorOf(await finishOidcSignIn(callbackRequest(attacker.callback, victim.stateCookie), deps()))).toBe("SSO_STATE");
    expect(errorOf(await finishOidcSignIn(callbackRequest(attacker.callback, null), deps()))).toBe("SSO_STATE");
  });

  it("follows the provider's key rotation and refuses tokens signed with the old key", async () => {
    const oldKey = idp.keyFile;
    const port = idp.port;
    await idp.stop();
    idp = await startIdp({ users: USERS, port });
    expect(readFileSync(idp.keyFile, "utf8")).not.toBe(readFileSync(oldKey, "utf8"));
    expect(sessionCookieOf(await signIn("plain"))).not.toBeNull();
    const oldSigned = tokenMitm((t) => resign(t, (p) => p, oldKey));
    expect(errorOf(await signIn("plain", deps({ fetch: oldSigned })))).toBe("SSO_TOKEN_INVALID");
  });

  it("answers a provider that is down with a clear refusal, not a 500", async () => {
    const down = { settings: { issuer: `http://127.0.0.1:9/`, ...CLIENT } };
    const res = await startOidcSignIn(new Request(`${APP}/api/auth/oidc/start`), down);
    expect(res.status).toBe(303);
    expect(errorOf(res)).toBe("SSO_UNAVAILABLE");
    const { callback, stateCookie } = await throughProvider("plain");
    const port = idp.port;
    await idp.stop();
    try {
      expect(errorOf(await finishOidcSignIn(callbackRequest(callback, stateCookie), deps()))).toBe("SSO_UNAVAILABLE");
    } finally {
      idp = await startIdp({ users: USERS, port, keyFile: idp.keyFile });
    }
  });

  it("resolves no session for guessed or malformed cookies", async () => {
    expect(await sessionIdFromOpaqueToken(randomBytes(32).toString("base64url"))).toBeNull();
    expect(await sessionIdFromOpaqueToken("not-a-token")).toBeNull();
    expect(await sessionIdFromOpaqueToken("")).toBeNull();
  });

  it("signs out only with the same-origin header, and logs it", async () => {
    const token = sessionCookieOf(await signIn("plain"))!;
    const sid = (await sessionIdFromOpaqueToken(token))!;
    const post = (headers: Record<string, string>) => endSessionFromRequest(new Request(`${APP}/api/auth/session/end`, { method: "POST", headers: { cookie: `${SESSION_COOKIE}=${token}`, host: "localhost:3000", ...headers } }));
    await expect(post({})).rejects.toMatchObject({ status: 403, code: "CSRF" });
    await expect(post({ "x-custody-request": "1", origin: "https://evil.example" })).rejects.toMatchObject({ status: 403 });
    expect(await resolveSession(sid)).not.toBeNull();
    const before = await lastSeq();
    const res = await post({ "x-custody-request": "1", origin: APP });
    expect(await res.json()).toEqual({ ended: true });
    expect(res.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect(await resolveSession(sid)).toBeNull();
    expect((await eventsSince(before)).map((e) => e.action)).toEqual(["SIGN_OUT"]);
  });

  it("counts the provider's fresh MFA as step-up, and not a single factor (a stale auth_time: lib/auth/oidc/idp-mfa.test.ts)", async () => {
    const before = await lastSeq();
    const fresh = sessionCookieOf(await signIn("mfa"))!;
    const s = (await resolveSession((await sessionIdFromOpaqueToken(fresh))!))!;
    expect(s.stepUpAt).not.toBeNull();
    expect(Date.now() - s.stepUpAt!.getTime()).toBeLessThan(60_000);
    expect((await eventsSince(before)).filter((e) => e.action === "SIGN_IN").map((e) => (e.details as { idpStepUp: boolean }).idpStepUp)).toEqual([true]);
    const plain = sessionCookieOf(await signIn("plain"))!;
    expect((await getDb().staffSession.findFirstOrThrow({ where: { tokenHash: sha256(plain) } })).stepUpAt).toBeNull();
  });
});
