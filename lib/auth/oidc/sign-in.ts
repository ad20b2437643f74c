import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import * as client from "openid-client";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { type RequestMeta, requestMetaFrom } from "@/lib/http/request-meta";
import { recordEvent, type Actor } from "@/lib/log/events/record-event";
import { SESSION_MAX_HOURS } from "@/lib/policy/limits";
import type { DenialReason } from "@/lib/policy/reasons";
import { clearedHostCookie, cookieFromHeaders, hostCookie, newSessionToken, sameHash, SESSION_COOKIE, sha256 } from "../opaque-session";
import { toActor } from "../staff-context";
import { idpStepUpAt } from "./idp-mfa";

// Sign-in through an OpenID provider (issue 12 §1, ADR 024): the authorization code flow with
// PKCE (S256), state and nonce, on openid-client 6, ending in a server-side staff_session and
// an opaque cookie. Discovery and the provider's keys are fetched fresh for every sign-in, so a
// rotated key is picked up at once and a provider that is down is a clear refusal, not a 500.
//
// The browser that starts a sign-in gets one random secret in a `__Host-` state cookie; the
// state, nonce and PKCE verifier are derived from it, and only their SHA-256 is stored, in an
// oidc_login_attempt row consumed once. A callback is taken only with the cookie of the browser
// that started it, for a row not used before and not older than ATTEMPT_MINUTES.

export const STATE_COOKIE = "__Host-custody-oidc";
const ATTEMPT_MINUTES = 10;
const CALLBACK_PATH = "/api/auth/oidc/callback";
const SCOPE = "openid email profile";
/** Seconds openid-client waits for the provider on each request. */
const PROVIDER_TIMEOUT_SECONDS = 5;

export type OidcSettings = { issuer: string; clientId: string; clientSecret: string };

/** What tests replace: the settings (a provider that is down) and fetch (a party in the middle). */
export type OidcDeps = { settings?: OidcSettings | null; fetch?: client.CustomFetch };

export function oidcSettings(): OidcSettings | null {
  const e = env();
  if (!e.CUSTODY_OIDC_ISSUER || !e.CUSTODY_OIDC_CLIENT_ID || !e.CUSTODY_OIDC_CLIENT_SECRET) return null;
  return { issuer: e.CUSTODY_OIDC_ISSUER, clientId: e.CUSTODY_OIDC_CLIENT_ID, clientSecret: e.CUSTODY_OIDC_CLIENT_SECRET };
}

export function oidcEnabled(): boolean {
  return oidcSettings() !== null;
}

/** The public origin the provider redirects back to: NEXTAUTH_URL, else this request's origin. */
function publicOrigin(req: Request): string {
  return env().NEXTAUTH_URL ? new URL(env().NEXTAUTH_URL!).origin : new URL(req.url).origin;
}

const isLoopback = (url: URL) => url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);

async function discover(settings: OidcSettings, deps: OidcDeps): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const config = await client.discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
    timeout: PROVIDER_TIMEOUT_SECONDS,
    // Plain HTTP only for a provider on this machine (npm run idp:dev, the tests).
    execute: isLoopback(issuer) ? [client.allowInsecureRequests] : [],
    ...(deps.fetch ? { [client.customFetch]: deps.fetch } : {}),
  });
  // openid-client 6 trusts an ID token from the token endpoint on TLS alone unless asked:
  // this makes it check the signature against the provider's JWKS too.
  client.enableNonRepudiationChecks(config);
  return config;
}

/** state, nonce and PKCE verifier, derived from the browser's secret. */
function derive(secret: Buffer) {
  const part = (label: string) => createHmac("sha256", secret).update(label).digest("base64url");
  return { state: part("state"), nonce: part("nonce"), verifier: part("pkce-verifier") };
}

/** Only same-site paths, so a crafted link cannot bounce a reviewer to another origin. */
export function safeReturnTo(raw: string | null): string {
  if (!raw) return "/";
  try {
    const url = new URL(raw, "http://custody.invalid");
    if (url.origin !== "http://custody.invalid" || url.pathname.startsWith("/signin") || url.pathname.startsWith("/api/")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

function redirect(to: string, cookies: string[] = []): Response {
  const headers = new Headers({ location: to, "cache-control": "no-store" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

function toSignIn(req: Request, reason: DenialReason, cookies: string[] = []): Response {
  return redirect(`${publicOrigin(req)}/signin?error=${reason}`, cookies);
}

/** Network failures, timeouts and 5xx from the provider: it is down, not the sign-in wrong. */
function providerUnreachable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === "TimeoutError" || err.name === "AbortError") return true;
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) return true;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Response && cause.status >= 500) return true;
  if (err instanceof client.ResponseBodyError && err.status >= 500) return true;
  if (cause instanceof Error && cause !== err) return providerUnreachable(cause);
  return (err as { code?: string }).code === "OAUTH_RESPONSE_IS_NOT_CONFORM" && /status code/i.test(err.message) && /5\d\d/.test(err.message);
}

const short = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 300);

/** GET /api/auth/oidc/start: records the attempt, sets the state cookie, sends the browser to the provider. */
export async function startOidcSignIn(req: Request, deps: OidcDeps = {}): Promise<Response> {
  const settings = deps.settings === undefined ? oidcSettings() : deps.settings;
  if (!settings) return toSignIn(req, "SSO_NOT_CONFIGURED");
  const returnTo = safeReturnTo(new URL(req.url).searchParams.get("callbackUrl"));
  let config: client.Configuration;
  try {
    config = await discover(settings, deps);
  } catch (err) {
    console.error(`SSO: the provider ${settings.issuer} could not be reached for sign-in: ${short(err)}`);
    return toSignIn(req, "SSO_UNAVAILABLE");
  }
  const secret = randomBytes(32);
  const { state, nonce, verifier } = derive(secret);
  await getDb().oidcLoginAttempt.create({ data: { stateHash: sha256(state), nonceHash: sha256(nonce), verifierHash: sha256(verifier), returnTo } });
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: `${publicOrigin(req)}${CALLBACK_PATH}`,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return redirect(url.href, [hostCookie(STATE_COOKIE, secret.toString("base64url"), ATTEMPT_MINUTES * 60)]);
}

type Refusal = { reason: DenialReason; actor?: Actor | null; subject?: string | null; email?: string | null; emailVerified?: boolean | null; error?: string };

/** The attempt this callback's state names, consumed now, if this browser started it and it is unused and recent. */
async function consumeAttempt(req: Request, state: string | null, now: Date) {
  const raw = cookieFromHeaders(req.headers, STATE_COOKIE);
  if (!state || !raw || !/^[A-Za-z0-9_-]{43}$/.test(raw)) return null;
  const derived = derive(Buffer.from(raw, "base64url"));
  const a = Buffer.from(derived.state);
  const b = Buffer.from(state);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  const db = getDb();
  const stateHash = sha256(state);
  const claimed = await db.oidcLoginAttempt.updateMany({
    where: { stateHash, consumedAt: null, createdAt: { gt: new Date(now.getTime() - ATTEMPT_MINUTES * 60_000) } },
    data: { consumedAt: now },
  });
  if (claimed.count !== 1) return null;
  const row = await db.oidcLoginAttempt.findUniqueOrThrow({ where: { stateHash } });
  if (!sameHash(row.nonceHash, sha256(derived.nonce)) || !sameHash(row.verifierHash, sha256(derived.verifier))) return null;
  return { ...derived, returnTo: row.returnTo };
}

/** GET /api/auth/oidc/callback: checks everything, matches the staff member, starts the session. */
export async function finishOidcSignIn(req: Request, deps: OidcDeps = {}): Promise<Response> {
  const settings = deps.settings === undefined ? oidcSettings() : deps.settings;
  if (!settings) return toSignIn(req, "SSO_NOT_CONFIGURED");
  const now = new Date();
  const meta = requestMetaFrom(req.headers);
  const clearState = clearedHostCookie(STATE_COOKIE);
  const refuse = async (r: Refusal): Promise<Response> => {
    await recordEvent(getDb(), {
      actor: r.actor ?? null,
      action: "SIGN_IN_SSO_REFUSED",
      outcome: "DENIED",
      denialReason: r.reason,
      details: { issuer: settings.issuer, subject: r.subject ?? null, email: r.email ?? null, emailVerified: r.emailVerified ?? null, ...(r.error ? { error: r.error } : {}) },
      meta,
    });
    return toSignIn(req, r.reason, [clearState]);
  };

  const url = new URL(req.url);
  const attempt = await consumeAttempt(req, url.searchParams.get("state"), now);
  if (!attempt) return refuse({ reason: "SSO_STATE", error: "state missing, not from this browser, already used or expired" });
  const providerError = url.searchParams.get("error");
  if (providerError) return refuse({ reason: "SSO_PROVIDER_ERROR", error: providerError.slice(0, 300) });

  let claims: client.IDToken;
  try {
    const config = await discover(settings, deps);
    const redirectUri = `${publicOrigin(req)}${CALLBACK_PATH}`;
    // The URL openid-client reads the response parameters from, at the registered redirect URI.
    const callbackUrl = new URL(`${redirectUri}${url.search}`);
    const tokens = await client.authorizationCodeGrant(
      config,
      callbackUrl,
      { pkceCodeVerifier: attempt.verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true },
      { redirect_uri: redirectUri },
    );
    const c = tokens.claims();
    if (!c) return refuse({ reason: "SSO_TOKEN_INVALID", error: "no ID token" });
    claims = c;
  } catch (err) {
    if (providerUnreachable(err)) {
      console.error(`SSO: the provider ${settings.issuer} could not be reached to finish a sign-in: ${short(err)}`);
      return refuse({ reason: "SSO_UNAVAILABLE", error: short(err) });
    }
    return refuse({ reason: "SSO_TOKEN_INVALID", error: short(err) });
  }
  return signInAs(req, settings, claims, attempt.returnTo, meta, now, refuse, clearState);
}

async function signInAs(
  req: Request,
  settings: OidcSettings,
  claims: client.IDToken,
  returnTo: string,
  meta: RequestMeta,
  now: Date,
  refuse: (r: Refusal) => Promise<Response>,
  clearState: string,
): Promise<Response> {
  const db = getDb();
  const issuer = claims.iss;
  const subject = claims.sub;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : null;
  const emailVerified = typeof claims.email_verified === "boolean" ? claims.email_verified : null;
  const who = { subject, email, emailVerified };
  const select = { id: true, email: true, roles: true, disabled: true, oidcIssuer: true, oidcSubject: true } as const;

  let staff = await db.staff.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: issuer, oidcSubject: subject } }, select });
  let linking = false;
  if (!staff) {
    // Not bound yet: bound once, by an e-mail the provider says it verified, to a record that
    // has no identity yet. Nobody is created here.
    if (!email || emailVerified !== true) return refuse({ reason: "SSO_UNKNOWN", ...who, error: email ? "e-mail not verified by the provider" : "no e-mail in the ID token" });
    const byEmail = await db.staff.findUnique({ where: { email }, select });
    if (!byEmail) return refuse({ reason: "SSO_UNKNOWN", ...who });
    if (byEmail.oidcSubject !== null) return refuse({ reason: "SSO_ALREADY_LINKED", actor: toActor(byEmail), ...who });
    staff = byEmail;
    linking = true;
  }
  if (staff.disabled) return refuse({ reason: "DISABLED", actor: toActor(staff), ...who });

  const stepUpAt = idpStepUpAt(claims, now);
  const { token, hash } = newSessionToken();
  const target = staff;
  const done = await db.$transaction(async (tx) => {
    if (linking) {
      // Conditional, so two first sign-ins racing cannot bind two identities.
      const bound = await tx.staff.updateMany({ where: { id: target.id, oidcSubject: null, disabled: false }, data: { oidcIssuer: issuer, oidcSubject: subject } });
      if (bound.count !== 1) return null;
    }
    const session = await tx.staffSession.create({ data: { staffId: target.id, tokenHash: hash, stepUpAt }, select: { id: true } });
    await recordEvent(tx, {
      actor: toActor(target),
      action: "SIGN_IN",
      outcome: "ALLOWED",
      details: { method: "oidc", sessionId: session.id, issuer, subject, linked: linking, idpStepUp: stepUpAt !== null },
      meta,
    });
    return session.id;
  });
  if (!done) return refuse({ reason: "SSO_ALREADY_LINKED", actor: toActor(target), ...who });
  return redirect(`${publicOrigin(req)}${returnTo}`, [clearState, hostCookie(SESSION_COOKIE, token, SESSION_MAX_HOURS * 60 * 60)]);
}
