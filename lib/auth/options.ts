import "server-only";
import bcrypt from "bcryptjs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { recordEvent } from "@/lib/audit/record-event";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { requestMetaFrom } from "@/lib/http/request-meta";

// Password sign-in exists for the demo and for tests. Production signs in through SSO (OIDC),
// so the credentials provider is only registered when demo mode or an explicit setting asks.
export function passwordSignInEnabled(): boolean {
  return env().passwordSignIn;
}

const credentialsSchema = z.object({ email: z.string().trim().toLowerCase().email().max(200), password: z.string().min(1).max(200) });

// A hash to compare against when the email is unknown, so timing does not reveal which
// staff emails exist.
const DUMMY_HASH = "$2b$10$s7WV/.Xyk5IyQTd3o3ubR.dkBNXpg32EVu.r8dj.gSlQle.40QtOu";

async function authorizeWithPassword(raw: unknown, headers: Headers) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const db = getDb();
  const staff = await db.staff.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, roles: true, passwordHash: true, disabled: true },
  });
  const ok = await bcrypt.compare(password, staff?.passwordHash ?? DUMMY_HASH);
  const meta = requestMetaFrom(headers);
  if (!staff || !ok || staff.disabled) {
    await recordEvent(db, {
      actor: staff ? { id: staff.id, email: staff.email, roles: staff.roles } : null,
      action: "SIGN_IN_FAILED",
      outcome: "DENIED",
      denialReason: !staff ? "UNKNOWN_ACCOUNT" : staff.disabled ? "DISABLED" : "BAD_PASSWORD",
      details: { email },
      meta,
    });
    return null;
  }
  await recordEvent(db, {
    actor: { id: staff.id, email: staff.email, roles: staff.roles },
    action: "SIGN_IN",
    outcome: "ALLOWED",
    details: { method: "password" },
    meta,
  });
  return { id: staff.id, email: staff.email, name: staff.name };
}

function toHeaders(h: Record<string, unknown> | undefined): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(h ?? {})) if (typeof v === "string") out.set(k, v);
  return out;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
      // The token carries only the staff id; roles and the disabled flag are read from the
      // database on every request (lib/auth/current-staff.ts).
      jwt: ({ token, user }) => {
        if (user) token.sub = user.id;
        return token;
      },
      session: ({ session, token }) => ({ ...session, staffId: token.sub }),
    },
    events: {
      signOut: async ({ token }) => {
        const id = token?.sub;
        if (!id) return;
        const db = getDb();
        const staff = await db.staff.findUnique({ where: { id }, select: { id: true, email: true, roles: true } });
        if (staff) await recordEvent(db, { actor: staff, action: "SIGN_OUT", outcome: "ALLOWED" });
      },
    },
  };
}
