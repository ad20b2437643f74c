import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionIdFromToken } from "./session-cookie";

// The cookie is minted by next-auth and read here without it: the two must agree on the key
// derivation and the token format, and anything else must read as "not signed in".
const secret = "a-test-secret-that-is-long-enough-0123456789";
const sid = "01a2037e-8b7d-71a7-8c9d-4b9112720a8b";

describe("sessionIdFromToken", () => {
  it("reads the session id from a token next-auth encoded", async () => {
    const token = await encode({ token: { sub: "staff-1", sid }, secret, maxAge: 3600 });
    expect(await sessionIdFromToken(token, secret)).toBe(sid);
  });

  it("refuses a token encrypted under another secret", async () => {
    const token = await encode({ token: { sub: "staff-1", sid }, secret: `${secret}-other`, maxAge: 3600 });
    expect(await sessionIdFromToken(token, secret)).toBeNull();
  });

  it("refuses a token with one character changed", async () => {
    const token = await encode({ token: { sub: "staff-1", sid }, secret, maxAge: 3600 });
    const i = token.length - 5;
    const forged = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    expect(await sessionIdFromToken(forged, secret)).toBeNull();
  });

  it("refuses an expired token", async () => {
    const token = await encode({ token: { sub: "staff-1", sid }, secret, maxAge: -60 });
    expect(await sessionIdFromToken(token, secret)).toBeNull();
  });

  it("allows next-auth's 15 s of clock skew past the expiry, and no more", async () => {
    expect(await sessionIdFromToken(await encode({ token: { sub: "staff-1", sid }, secret, maxAge: -5 }), secret)).toBe(sid);
    expect(await sessionIdFromToken(await encode({ token: { sub: "staff-1", sid }, secret, maxAge: -20 }), secret)).toBeNull();
  });

  it("reads no session from a token without one, or from garbage", async () => {
    expect(await sessionIdFromToken(await encode({ token: { sub: "staff-1" }, secret, maxAge: 3600 }), secret)).toBeNull();
    expect(await sessionIdFromToken("not-a-token", secret)).toBeNull();
  });
});
