// The request a line of log belongs to. lib/cli/serve.mjs runs each request inside this
// AsyncLocalStorage with its request id; the logger adds that id to every line written while the
// request is handled, and the access log records the same id (lib/http/request-meta.ts), so an
// operator joins the two. The instance lives on globalThis because this module is loaded twice:
// once by serve.mjs and once inside Next.js's server bundle.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("custody.requestContext");
/** @type {AsyncLocalStorage<{ requestId: string }>} */
export const requestContext = (globalThis[KEY] ??= new AsyncLocalStorage());

/** What a caller may send as X-Request-Id (the access log's request_id column takes the same). */
export const REQUEST_ID_PATTERN = /^[\w.-]{1,100}$/;

/** The caller's X-Request-Id when it is well formed, a new UUID otherwise. */
export function requestIdFrom(header) {
  const value = Array.isArray(header) ? header[0] : header;
  return typeof value === "string" && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

/** @returns {string | undefined} */
export function currentRequestId() {
  return requestContext.getStore()?.requestId;
}
