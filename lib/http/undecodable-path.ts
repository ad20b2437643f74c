import { SECURITY_HEADERS } from "@/lib/security/csp";

// Next.js percent-decodes a dynamic route's segments while it matches the route, and a segment
// that is not valid percent-encoded UTF-8 (`%ZZ`, the overlong `%C0%80`) makes it throw there,
// then fail to render its own 400 page: a bare 500. The proxy runs before that match, so it
// refuses such a path itself, with the same decoder, and the request never reaches Next's.

/** Whether Next could decode every segment of this (raw, still encoded) pathname. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const MESSAGE = "The path is not valid percent-encoded UTF-8.";

/** The 400 for an undecodable path: JSON under /api/, plain text for a page. */
export function undecodablePathResponse(pathname: string): Response {
  const api = pathname.startsWith("/api/");
  const body = api ? JSON.stringify({ error: { code: "BAD_PATH", message: MESSAGE } }) : `${MESSAGE}\n`;
  const type = api ? "application/json" : "text/plain; charset=utf-8";
  return new Response(body, { status: 400, headers: { "content-type": type, "cache-control": "no-store", ...SECURITY_HEADERS } });
}
