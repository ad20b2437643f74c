import { randomBytes } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SESSION_MAX_HOURS } from "@/lib/policy/limits";

// What next-auth is told: the password provider only when password sign-in is on, a cookie
// that lives no longer than a session may, and a token that carries the staff id and the
// server-side session id and nothing else a request could be trusted with.

async function optionsWith(passwordSignIn: boolean): Promise<NextAuthOptions> {
  vi.resetModules();
  Object.assign(process.env, { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x", NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXTAUTH_URL: "http://custody.internal" });
  delete process.env.CUSTODY_DEMO;
  if (passwordSignIn) process.env.CUSTODY_PASSWORD_SIGNIN = "1";
  else delete process.env.CUSTODY_PASSWORD_SIGNIN;
  const { authOptions } = await import("./options");
  return authOptions();
}
afterEach(() => {
  delete process.env.CUSTODY_PASSWORD_SIGNIN;
});

const jwt = (o: NextAuthOptions, token: JWT, user?: object) => o.callbacks!.jwt!({ token, user, account: null } as never) as JWT;

describe("authOptions", () => {
  it("registers the password provider only when password sign-in is on", async () => {
    const on = await optionsWith(true);
    expect(on.providers.map((p) => [p.id, (p as { options?: { name?: string } }).options?.name])).toEqual([["credentials", "Password"]]);
    expect((await optionsWith(false)).providers).toEqual([]);
  });

  it("keeps the cookie no longer than a session may live", async () => {
    expect((await optionsWith(false)).session).toEqual({ strategy: "jwt", maxAge: SESSION_MAX_HOURS * 60 * 60 });
  });

  it("puts the staff id and the session id into the token at sign-in, and keeps the token as it is afterwards", async () => {
    const o = await optionsWith(false);
    expect(jwt(o, {}, { id: "staff-1", sid: "session-1" })).toEqual({ sub: "staff-1", sid: "session-1" });
    expect(jwt(o, {}, { id: "staff-1" })).toEqual({ sub: "staff-1" });
    expect(jwt(o, {}, { id: "staff-1", sid: 42 })).toEqual({ sub: "staff-1" });
    expect(jwt(o, { sub: "staff-1", sid: "session-1" })).toEqual({ sub: "staff-1", sid: "session-1" });
  });

  it("gives the session the staff id and a session id only when the token holds one as a string", async () => {
    const o = await optionsWith(false);
    const session = (token: JWT) => o.callbacks!.session!({ session: { expires: "later" }, token } as never);
    expect(await session({ sub: "staff-1", sid: "session-1" })).toEqual({ expires: "later", staffId: "staff-1", sid: "session-1" });
    expect(await session({ sub: "staff-1", sid: 7 })).toEqual({ expires: "later", staffId: "staff-1", sid: undefined });
  });
});
