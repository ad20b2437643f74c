import "server-only";
import bcrypt from "bcryptjs";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { clientOf } from "@/lib/http/client-address";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { SESSION_MAX_HOURS, SIGN_IN_LOCK_MINUTES } from "@/lib/policy/limits";
import { createSession, endSession } from "./session-store";
import { toActor } from "./staff-context";
import { recordAttempt, recordSuccess, type ThrottleKey } from "./throttle-store";

// Password sign-in exists for the demo and for tests. Production signs in through SSO (OIDC),
// so the credentials provider is only registered when demo mode or an explicit setting asks.
export function passwordSignInEnabled(): boolean {
  return env().passwordSignIn;
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(200) });

// A hash to compare against when the email is unknown, so timing does not reveal which
// staff emails exist.
const DUMMY_HASH = "$2b$10$s7WV/.Xyk5IyQTd3o3ubR.dkBNXpg32EVu.r8dj.gSlQle.40QtOu";

/** The keys a password attempt is counted under: the e-mail, and the client when it is known. */
function signInKeys(email: string, ipHmac: string | null): ThrottleKey[] {
  return [{ scope: "signin-account", subject: email }, ...(ipHmac ? [{ scope: "signin-client" as const, subject: ipHmac }] : [])];
}

async function authorizeWithPassword(raw: unknown, headers: Headers) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  const meta = requestMetaFrom(headers);
  const keys = signInKeys(email, meta.ipHmac);
  // Counted before the password is checked, so a parallel burst cannot outrun the throttle.
  const attempt = await recordAttempt(keys);
  const staff = await db.staff.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, roles: true, passwordHash: true, disabled: true },
  });
  const actor = staff ? toActor(staff) : null;
  if (attempt.refusal) {
    // Refused without looking at the password: during a lockout even the right one is refused.
    const { scope, state, retryAfterSeconds } = attempt.refusal;
    const reason = state === "locked" ? "SIGN_IN_LOCKED" : "SIGN_IN_THROTTLED";
    await recordEvent(db, { actor, action: "SIGN_IN_FAILED", outcome: "DENIED", denialReason: reason, details: { email, throttle: { scope, state, retryAfterSeconds } }, meta });
    // next-auth hands the message to the sign-in form as its error code.
    throw new Error(reason);
  }
  const ok = await bcrypt.compare(password, staff?.passwordHash ?? DUMMY_HASH);
  if (!staff || !ok || staff.disabled) {
    const locked = attempt.locksOnFailure.map((k) => k.scope);
    await recordEvent(db, {
      actor,
      action: "SIGN_IN_FAILED",
      outcome: "DENIED",
      denialReason: !staff ? "UNKNOWN_ACCOUNT" : staff.disabled ? "DISABLED" : "BAD_PASSWORD",
      details: { email, ...(locked.length ? { throttle: { state: "locked" as const, scopes: locked, minutes: SIGN_IN_LOCK_MINUTES } } : {}) },
      meta,
    });
    return null;
  }
  await recordSuccess(keys);
  // The session row and the sign-in event commit together: no session without its log entry.
  const sid = await db.$transaction(async (tx) => {
    const id = await createSession(tx, staff.id);
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "SIGN_IN",
      outcome: "ALLOWED",
      details: { method: "password", sessionId: id },
      meta,
    });
    return id;
  });
  const user: User & { sid: string } = { id: staff.id, email: staff.email, name: staff.name, sid };
  return user;
}

function toHeaders(h: Record<string, unknown> | undefined): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h ?? {})) if (typeof v === "string") out.set(k, v);
  return out;
}

/**
 * next-auth's options for one request. Its cookies get the Secure flag (and the __Secure-/__Host-
 * names) when the public URL is https, or when this request reached us over TLS, which behind
 * a TLS-terminating proxy only a trusted proxy's X-Forwarded-Proto can say (lib/http/forwarded.mjs).
 */
export function authOptions(headers?: Headers): NextAuthOptions {
  const overTls = env().NEXTAUTH_URL?.startsWith("https://") || (headers ? clientOf(headers).https : false);
  return {
    secret: env().NEXTAUTH_SECRET,
    useSecureCookies: overTls,
    // The cookie lives no longer than the session may (the server also enforces idle and max age).
    session: { strategy: "jwt", maxAge: SESSION_MAX_HOURS * 60 * 60 },
    pages: { signIn: "/signin" },
    providers: passwordSignInEnabled()
      ? [
          CredentialsProvider({
            name: "Password",
            credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
            authorize: (credentials, req) => authorizeWithPassword(credentials, toHeaders(req?.headers)),
          }),
        ]
      : [],
    callbacks: {
      // The token carries only the staff id and the server-side session id; roles, the
      // disabled flag, timeouts and the step-up time are read from the database on every
      // request (lib/auth/session-store.ts).
      jwt: ({ token, user }) => {
        if (user) {
          token.sub = user.id;
          if ("sid" in user && typeof user.sid === "string") token.sid = user.sid;
        }
        return token;
      },
      session: ({ session, token }) => ({ ...session, staffId: token.sub, sid: typeof token.sid === "string" ? token.sid : undefined }),
    },
    events: {
      signOut: async ({ token }) => {
        const id = token?.sub;
        const sid = token?.sid;
        if (!id || typeof sid !== "string") return;
        const db = getDb();
        const staff = await db.staff.findUnique({ where: { id }, select: { id: true, email: true, roles: true } });
        if (staff) await endSession(db, sid, staff, "SIGNED_OUT");
      },
    },
  };
}
