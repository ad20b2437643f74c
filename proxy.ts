import { NextResponse, type NextRequest } from "next/server";
import { isDecodablePath, undecodablePathResponse } from "@/lib/http/undecodable-path";
import { SECURITY_HEADERS, contentSecurityPolicy } from "@/lib/security/csp";

// Runs before every page: a fresh CSP nonce per response. Next.js reads the policy from the
// request headers and stamps the nonce on the scripts it emits. API routes are left out of the
// matcher (they return JSON and set their own headers in lib/http/handle.ts), which keeps the
// content route's hot path free of this work: an API path reaches the proxy only when it holds
// a `%`, which none of our own clients' paths do (ids are UUIDs), and is checked for nothing else.
export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!isDecodablePath(pathname)) return undecodablePathResponse(pathname);
  if (pathname.startsWith("/api/")) return NextResponse.next();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }, { source: "/api/(.*%.*)" }],
};
