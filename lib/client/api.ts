// The browser's one way to call our JSON API. Every request carries `x-custody-request: 1`,
// which the server's CSRF check requires on mutations (a cross-site form cannot set it), and
// every error body `{ error: { code, message } }` becomes an ApiRequestError the UI can show.

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

type RequestOptions = { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal };

/** Like apiFetch, but also returns the HTTP status (e.g. to tell 201 from 202). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<{ status: number; data: T }> {
  const { method = options.body === undefined ? "GET" : "POST", body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: { "content-type": "application/json", "x-custody-request": "1", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiRequestError(0, "NETWORK", "Could not reach the server. Check your connection and try again.");
  }

  const payload: unknown = await readJson(response);
  if (!response.ok) {
    const error = readError(payload);
    throw new ApiRequestError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The request failed (HTTP ${response.status}).`,
    );
  }
  return { status: response.status, data: payload as T };
}

export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).data;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function readError(payload: unknown): { code: string; message: string } | null {
  if (typeof payload !== "object" || payload === null || !("error" in payload)) return null;
  const error = payload.error;
  if (typeof error !== "object" || error === null) return null;
  const code = "code" in error && typeof error.code === "string" ? error.code : null;
  const message = "message" in error && typeof error.message === "string" ? error.message : null;
  return code && message ? { code, message } : null;
}

export function isClientError(error: unknown): boolean {
  return error instanceof ApiRequestError && error.status >= 400 && error.status < 500;
}
