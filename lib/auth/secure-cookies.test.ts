import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

// Behind a TLS-terminating proxy the public URL may be written as http, so the Secure cookie
// flag must follow what serve.mjs's stamp says of the request, and only of a genuine stamp.

const token = randomBytes(32).toString("base64url");
let authOptions: typeof import("./options").authOptions;

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: "http://custody.internal",
    CUSTODY_PEER_TOKEN: token,
    CUSTODY_TRUSTED_PROXIES: "10.0.0.0/8",
  });
  ({ authOptions } = await import("./options"));
});

describe("next-auth's Secure cookies", () => {
  it("are used when a trusted proxy reported https", () => {
    const headers = new Headers({ "x-custody-peer": `${token} 10.0.0.5 https`, "x-forwarded-for": "203.0.113.9" });
    expect(authOptions(headers).useSecureCookies).toBe(true);
  });

  it("are not used over plain http, nor when a client claims https itself", () => {
    expect(authOptions(new Headers({ "x-custody-peer": `${token} 203.0.113.9 http` })).useSecureCookies).toBe(false);
    expect(authOptions(new Headers({ "x-forwarded-proto": "https", "x-custody-peer": "guessed 203.0.113.9 https" })).useSecureCookies).toBe(false);
  });
});
