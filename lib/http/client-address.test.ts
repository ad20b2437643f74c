import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

// The application's side of the peer header: only a stamp carrying serve.mjs's token counts, so
// neither a client nor a server started some other way can choose the address that is logged.

const token = randomBytes(32).toString("base64url");
let clientOf: typeof import("./client-address").clientOf;
let requestMetaFrom: typeof import("./request-meta").requestMetaFrom;

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: "postgresql://u:p@127.0.0.1:1/x",
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    CUSTODY_PEER_TOKEN: token,
    CUSTODY_TRUSTED_PROXIES: "10.0.0.0/8",
  });
  ({ clientOf } = await import("./client-address"));
  ({ requestMetaFrom } = await import("./request-meta"));
});

const headers = (h: Record<string, string>) => new Headers(h);

describe("clientOf", () => {
  it("knows no address without our stamp, whatever X-Forwarded-For or X-Real-IP say", () => {
    expect(clientOf(headers({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6", "x-forwarded-proto": "https" }))).toEqual({ ip: null, https: false });
  });

  it("ignores a stamp without the token (a client's own x-custody-peer)", () => {
    expect(clientOf(headers({ "x-custody-peer": "guess 6.6.6.6 https" }))).toEqual({ ip: null, https: false });
    expect(clientOf(headers({ "x-custody-peer": `${token}x 6.6.6.6 https` }))).toEqual({ ip: null, https: false });
    expect(clientOf(headers({ "x-custody-peer": `${token} 6.6.6.6 https extra` }))).toEqual({ ip: null, https: false });
  });

  it("takes the stamped peer, and X-Forwarded-For only through a trusted proxy", () => {
    expect(clientOf(headers({ "x-custody-peer": `${token} 203.0.113.9 http`, "x-forwarded-for": "6.6.6.6" }))).toEqual({ ip: "203.0.113.9", https: false });
    expect(clientOf(headers({ "x-custody-peer": `${token} 10.0.0.5 https`, "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toEqual({ ip: "203.0.113.9", https: true });
  });
});

describe("requestMetaFrom", () => {
  it("gives a forged X-Forwarded-For from an untrusted peer the same IP HMAC as none", () => {
    const honest = requestMetaFrom(headers({ "x-custody-peer": `${token} 203.0.113.9 http` }));
    const forged = requestMetaFrom(headers({ "x-custody-peer": `${token} 203.0.113.9 http`, "x-forwarded-for": "198.51.100.77" }));
    const other = requestMetaFrom(headers({ "x-custody-peer": `${token} 198.51.100.77 http` }));
    expect(honest.ipHmac).toMatch(/^[\w-]{43}$/);
    expect(forged.ipHmac).toBe(honest.ipHmac);
    expect(other.ipHmac).not.toBe(honest.ipHmac);
  });
});
