import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

// A CSP nonce is only worth anything if an attacker cannot know it in advance: a fixed nonce
// (planted in the mutation pass, unnoticed) lets an injected <script nonce=…> run. Each page
// response must carry a fresh one, and the nonce Next.js stamps on its scripts (read from the
// request's CSP header that proxy.ts forwards) must be the one in the response's header.

function nonceOf(csp: string | null): string | undefined {
  return csp?.match(/script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/)?.[1];
}

describe("proxy: a fresh CSP nonce per page", () => {
  it("three responses carry three different nonces, each the one handed to the page it answers", () => {
    const seen = [1, 2, 3].map(() => {
      const res = proxy(new NextRequest("http://localhost/queue"));
      const header = res.headers.get("content-security-policy");
      // NextResponse.next({ request: { headers } }) passes the rewritten request headers on as
      // x-middleware-request-*; these are what the page renders with.
      const forwardedCsp = res.headers.get("x-middleware-request-content-security-policy");
      const forwardedNonce = res.headers.get("x-middleware-request-x-nonce");
      const nonce = nonceOf(header);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(forwardedCsp).toBe(header);
      expect(forwardedNonce).toBe(nonce);
      expect(header).toContain(`style-src 'self' 'nonce-${nonce}'`);
      return nonce;
    });
    expect(new Set(seen).size).toBe(3);
  });
});
