import type { PoolClient } from "pg";
import { retryDelayMs } from "./backoff";
import type { OutboxConfig } from "./config";
import { ENQUEUE_SQL, enqueueArgs } from "./enqueue-delivery";
import { signedHeaders } from "./sign-webhook";

// One delivery attempt of one decision, as the dispatcher's job runs it:
//   1. take the attempt (a short lease on the delivery row, so two dispatchers holding two
//      copies of the job do not send at once; a delivered or given-up decision is left alone);
//   2. POST the stored body, signed, with a timeout, following no redirects;
//   3. record the outcome: delivered on any 2xx; otherwise the status or a short error (never
//      the response body, never a header), and either the next try — a job scheduled with
//      backoff, in the same transaction as the record — or, past the retry window, given up.
// A crash anywhere leaves the job to run again (at least once); the platform deduplicates on
// webhook-id, which is the decision id on every attempt.

export type WithClient = <T>(fn: (client: PoolClient) => Promise<T>) => Promise<T>;

export type AttemptOutcome =
  | { kind: "skipped" }
  | { kind: "deferred"; until: Date }
  | { kind: "delivered"; status: number; attempts: number }
  | { kind: "failed"; error: string; status: number | null; attempts: number; nextAttemptAt: Date | null };

type Claimed = { payload: unknown; attempts: number; window_started_at: Date };

export async function attemptDelivery(withClient: WithClient, config: OutboxConfig & { webhookUrl: string; webhookSecret: string }, decisionId: string): Promise<AttemptOutcome> {
  const leaseSeconds = Math.ceil(config.timeoutMs / 1000) + 5;
  const claimed = await withClient(async (c) => {
    const { rows } = await c.query<Claimed>(
      `update outbound_delivery
          set attempts = attempts + 1, attempt_started_at = now(), last_attempt_at = now(), updated_at = now()
        where decision_id = $1 and status in ('QUEUED', 'FAILING')
          and (attempt_started_at is null or attempt_started_at < now() - make_interval(secs => $2))
          and (next_attempt_at is null or next_attempt_at <= now() + interval '1 second')
        returning payload, attempts, window_started_at`,
      [decisionId, leaseSeconds],
    );
    return rows[0] ?? null;
  });
  if (!claimed) return deferOrSkip(withClient, decisionId, leaseSeconds);

  const body = JSON.stringify(claimed.payload);
  const result = await post(config, decisionId, body);
  if (result.ok) {
    await withClient((c) =>
      c.query(
        `update outbound_delivery
            set status = 'DELIVERED', delivered_at = now(), attempt_started_at = null, last_status = $2, last_error = null, next_attempt_at = null, updated_at = now()
          where decision_id = $1`,
        [decisionId, result.status],
      ),
    );
    return { kind: "delivered", status: result.status, attempts: claimed.attempts };
  }

  const delay = retryDelayMs(claimed.attempts, { baseMs: config.retryBaseMs, capMs: config.retryCapMs });
  const next = new Date(Date.now() + delay);
  const giveUp = next.getTime() > claimed.window_started_at.getTime() + config.giveUpMs;
  await withClient(async (c) => {
    await c.query("begin");
    try {
      await c.query(
        `update outbound_delivery
            set status = $2::"DeliveryStatus", attempt_started_at = null, last_status = $3, last_error = $4, next_attempt_at = $5,
                given_up_at = case when $6::boolean then now() else null end, updated_at = now()
          where decision_id = $1`,
        [decisionId, giveUp ? "GIVEN_UP" : "FAILING", result.status, result.error, giveUp ? null : next, giveUp],
      );
      if (!giveUp) await c.query(ENQUEUE_SQL, enqueueArgs(decisionId, next));
      await c.query("commit");
    } catch (err) {
      await c.query("rollback").catch(() => {});
      throw err;
    }
  });
  return { kind: "failed", error: result.error, status: result.status, attempts: claimed.attempts, nextAttemptAt: giveUp ? null : next };
}

/**
 * The attempt could not be taken. Delivered or given up: nothing to do. Otherwise another
 * attempt holds the lease (its runner may have died mid-POST) or the next try is later: this
 * job then makes sure a job exists for that moment, so a decision is never left without one.
 */
async function deferOrSkip(withClient: WithClient, decisionId: string, leaseSeconds: number): Promise<AttemptOutcome> {
  return withClient(async (c) => {
    const { rows } = await c.query<{ until: Date | null }>(
      `select greatest(coalesce(next_attempt_at, now()), coalesce(attempt_started_at + make_interval(secs => $2), now())) as until
         from outbound_delivery where decision_id = $1 and status in ('QUEUED', 'FAILING')`,
      [decisionId, leaseSeconds],
    );
    const until = rows[0]?.until;
    if (!until) return { kind: "skipped" as const };
    await c.query(ENQUEUE_SQL, enqueueArgs(decisionId, until));
    return { kind: "deferred" as const, until };
  });
}

type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

async function post(config: { webhookUrl: string; webhookSecret: string; timeoutMs: number }, decisionId: string, body: string): Promise<PostResult> {
  try {
    const res = await fetch(config.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Custody-Outbox/1", ...signedHeaders(config.webhookSecret, decisionId, body) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    // The answer's body is the platform's business: it is neither read nor stored.
    await res.body?.cancel().catch(() => {});
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    const redirect = res.status >= 300 && res.status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, status: res.status, error: `HTTP ${res.status}${redirect}` };
  } catch (err) {
    return { ok: false, status: null, error: describeFailure(err, config.timeoutMs) };
  }
}

/** A short, safe description of a failed request: its error code, never a URL with credentials or a body. */
export function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: { code?: unknown; name?: unknown } } | null;
  if (e?.name === "TimeoutError" || e?.cause?.name === "TimeoutError") return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  const code = typeof e?.cause?.code === "string" ? e.cause.code : null;
  if (code && /^[A-Z0-9_]{2,40}$/.test(code)) return `connection failed (${code})`;
  return "connection failed";
}
