import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

// From the attacker's side: a path Next.js cannot percent-decode (`%ZZ`, the overlong
// `%C0%80`) made Next answer a bare 500 from inside its route matching. The proxy, which runs
// before that, answers 400 with a message, on pages and API routes alike; and the content
// route's own well-formed paths still never reach the proxy (its hot path stays free of it).

const CASE = "0197c0de-0000-7000-8000-0000000000ca";
const BAD = ["%ZZ", "%C0%80", "%", "abc%E0%A4"];
const runs = (url: string) => unstable_doesMiddlewareMatch({ config, url });

describe("paths Next.js cannot decode", () => {
  for (const bad of BAD) {
    for (const path of [`/api/v1/cases/${bad}/messages`, `/api/v1/grants/${bad}/revoke`, `/cases/${bad}`, `/audit/events/${bad}`]) {
      it(`${path} reaches the proxy and is a 400 with a message`, async () => {
        expect(runs(path)).toBe(true);
        const res = proxy(new NextRequest(`http://localhost${path}`));
        expect(res.status).toBe(400);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        const body = await res.text();
        if (path.startsWith("/api/")) expect(JSON.parse(body).error).toEqual({ code: "BAD_PATH", message: "The path is not valid percent-encoded UTF-8." });
        else expect(body).toContain("not valid percent-encoded UTF-8");
      });
    }
  }

  it("the content route's own paths never reach the proxy", () => {
    expect(runs(`/api/v1/cases/${CASE}/messages`)).toBe(false);
    expect(runs(`/api/v1/cases/${CASE}/messages?from=10&to=30`)).toBe(false);
  });

  it("a well-encoded API path that reaches the proxy passes through untouched", () => {
    const res = proxy(new NextRequest("http://localhost/api/v1/cases/a%20b/messages"));
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("content-security-policy")).toBeNull();
  });

  it("pages still get their nonce", () => {
    const res = proxy(new NextRequest("http://localhost/cases/a%C3%A9"));
    expect(res.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
  });
});
