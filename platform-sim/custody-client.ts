import { signRequest } from "./signing";

// The platform's HTTP client for Custody's intake. Each attempt is signed afresh (a new
// webhook-id and timestamp), so a retry after a lost answer is a new request that Custody's
// idempotency by platform id makes harmless, never a replay it must refuse.

export type IntakeAnswer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; code: string; message: string; field?: string };

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);

export class CustodyClient {
  constructor(
    readonly baseUrl: string,
    readonly secret: string,
    readonly opts: { attempts?: number; backoffMs?: number; fetch?: typeof fetch } = {},
  ) {}

  async post<T>(path: string, payload: unknown): Promise<IntakeAnswer<T>> {
    const body = JSON.stringify(payload);
    const attempts = this.opts.attempts ?? 4;
    const doFetch = this.opts.fetch ?? fetch;
    let last: IntakeAnswer<T> = { ok: false, status: 0, code: "NOT_SENT", message: "not sent" };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const res = await doFetch(new URL(path, this.baseUrl), {
          method: "POST",
          headers: { "content-type": "application/json", ...signRequest(this.secret, body) },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        const json: unknown = await res.json().catch(() => null);
        if (res.ok) return { ok: true, status: res.status, body: json as T };
        const err = (json as { error?: { code?: string; message?: string; field?: string } } | null)?.error;
        last = { ok: false, status: res.status, code: err?.code ?? `HTTP_${res.status}`, message: err?.message ?? res.statusText, field: err?.field };
        // CONCURRENT_CHANGE: the batch raced another; Custody asks for it again.
        if (!RETRYABLE.has(res.status) && last.code !== "CONCURRENT_CHANGE") return last;
      } catch (e) {
        last = { ok: false, status: 0, code: "NETWORK", message: e instanceof Error ? e.message : String(e) };
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, (this.opts.backoffMs ?? 500) * 2 ** (attempt - 1)));
    }
    return last;
  }

  /** Waits until Custody answers its liveness probe (it may still be seeding or building). */
  async waitUntilUp(timeoutMs: number, log: (m: string) => void): Promise<void> {
    const until = Date.now() + timeoutMs;
    let said = false;
    while (Date.now() < until) {
      try {
        const res = await (this.opts.fetch ?? fetch)(new URL("/api/health", this.baseUrl), { signal: AbortSignal.timeout(3_000) });
        if (res.ok) return;
      } catch {
        // not up yet
      }
      if (!said) log(`waiting for Custody at ${this.baseUrl} …`);
      said = true;
      await new Promise((r) => setTimeout(r, 2_000));
    }
    throw new Error(`Custody did not answer ${this.baseUrl}/api/health within ${Math.round(timeoutMs / 1000)} s`);
  }
}
