import "server-only";
import { ZodError } from "zod";
import { AppError, BadRequestError, DatabaseUnavailableError } from "@/lib/errors";
import { SECURITY_HEADERS } from "@/lib/security/csp";
import { isSafeText, SAFE_TEXT_MESSAGE } from "@/lib/validation/safe-text";
import { metrics } from "@/lib/observability/metrics";
import { isDatabaseUnavailable } from "./database-unavailable";

// Thin route handlers: parse → one lib call → map to HTTP. Expected refusals become 4xx with a
// message; anything unexpected becomes a 500 that reveals nothing.

// Nothing an API returns may be cached anywhere: thread responses carry DM text.
const API_HEADERS: Record<string, string> = { "content-type": "application/json", "cache-control": "no-store", ...SECURITY_HEADERS };

/** A JSON response with the API's headers, built in one step (the content route sends hundreds a second). */
export function json(body: unknown, init?: ResponseInit) {
  const headers = init?.headers ? { ...API_HEADERS, ...Object.fromEntries(new Headers(init.headers)) } : API_HEADERS;
  return new Response(JSON.stringify(body), { status: init?.status, statusText: init?.statusText, headers });
}

/**
 * Maps an error to HTTP. `unavailable` is what this route says when the database cannot be
 * reached (the content route says LOG_UNAVAILABLE: nothing is shown without its event).
 */
export function errorResponse(err: unknown, unavailable: () => AppError = () => new DatabaseUnavailableError()) {
  if (err instanceof AppError) {
    if (err.code === "LOG_UNAVAILABLE") metrics().logUnavailable.inc();
    return json({ error: { code: err.code, message: err.message, ...err.where } }, { status: err.status });
  }
  if (err instanceof ZodError) {
    const first = err.issues[0];
    const where = first?.path.length ? `${first.path.join(".")}: ` : "";
    return json({ error: { code: "BAD_REQUEST", message: `${where}${first?.message ?? "invalid request"}` } }, { status: 400 });
  }
  if (isDatabaseUnavailable(err)) {
    console.error("database unavailable:", err instanceof Error ? err.message : err);
    return errorResponse(unavailable());
  }
  console.error("unhandled error in route", err instanceof Error ? err.message : err);
  return json({ error: { code: "INTERNAL", message: "Something went wrong." } }, { status: 500 });
}

/**
 * Mutations must come from our own pages: a same-origin fetch that sets x-custody-request.
 * A cross-site form post can set neither the header nor a matching Origin. An opaque origin
 * (`Origin: null`, sent by sandboxed frames and data: pages) or one that does not parse is
 * nobody's page, so it is refused like a foreign one rather than crashing the handler.
 */
export function assertSameOriginMutation(req: Request) {
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const marked = req.headers.get("x-custody-request") === "1";
  const sameOrigin = origin === null || (host !== null && originHost(origin) === host);
  if (!marked || !sameOrigin) throw new AppError(403, "CSRF", "This request did not come from a Custody page.");
}

/** The host of a serialized origin, or null when it is opaque ("null") or not a URL at all. */
function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.origin === "null" ? null : url.host;
}

const MAX_BODY_CHARS = 1_000_000;

/** Refuses, while parsing, any string or key a text column could not hold as sent. */
function safeStrings(key: string, value: unknown) {
  if ((typeof value === "string" && !isSafeText(value)) || !isSafeText(key)) throw new BadRequestError(`${key || "body"}: ${SAFE_TEXT_MESSAGE}`);
  return value;
}

export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.includes("application/json")) throw new AppError(415, "UNSUPPORTED_MEDIA_TYPE", "Send a JSON body (content-type: application/json).");
  const text = await req.text();
  if (text.length > MAX_BODY_CHARS) throw new AppError(413, "BODY_TOO_LARGE", "The request body is too large.");
  try {
    return JSON.parse(text, safeStrings);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(400, "BAD_JSON", "The request body is not valid JSON.");
  }
}
