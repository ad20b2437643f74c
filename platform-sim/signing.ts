import { randomUUID } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";

// Both directions of the platform's Standard Webhooks traffic, with the maintained
// `standardwebhooks` package (no hand-rolled HMAC), as any platform would write it: it signs
// what it pushes to Custody's intake, and verifies what Custody delivers to its enforcement
// endpoint. Nothing here is Custody's code: the simulator speaks only HTTP.

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/**
 * Signs one attempt of a request. Every call makes a fresh webhook-id, because Custody keeps the
 * ids it accepted and refuses a second use (409 REPLAYED): a retry is signed afresh, never replayed.
 */
export function signRequest(secret: string, body: string, at: Date = new Date(), id: string = `sim_${randomUUID()}`): SignedHeaders {
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
}

export type Verified = { ok: true; webhookId: string; payload: unknown } | { ok: false; webhookId: string | null; reason: string };

/**
 * Verifies a decision webhook from Custody against the exact body bytes received: the
 * signature (any one of several secrets, for rotation) and the ±5 minute timestamp window the
 * package enforces. Returns why not, rather than throwing, so the receiver can count refusals.
 */
export function verifyDelivery(secrets: readonly string[], body: string, headers: Record<string, string | string[] | undefined>): Verified {
  const one = (name: string) => {
    const v = headers[name];
    return typeof v === "string" ? v : undefined;
  };
  const id = one("webhook-id");
  const timestamp = one("webhook-timestamp");
  const signature = one("webhook-signature");
  if (!id || !timestamp || !signature) return { ok: false, webhookId: id ?? null, reason: "unsigned (webhook-id, webhook-timestamp and webhook-signature are required)" };
  let reason = "no secret matches the signature";
  for (const secret of secrets) {
    try {
      const payload = new Webhook(secret).verify(body, { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature });
      return { ok: true, webhookId: id, payload };
    } catch (err) {
      if (!(err instanceof WebhookVerificationError)) return { ok: false, webhookId: id, reason: "the body is not JSON" };
      if (/timestamp/i.test(err.message)) reason = `timestamp refused (${err.message})`;
    }
  }
  return { ok: false, webhookId: id, reason };
}

/** Splits a secrets variable (space- or comma-separated `whsec_…`), as Custody's own settings do. */
export function parseSecrets(raw: string | undefined): string[] {
  return (raw ?? "").split(/[\s,]+/).filter(Boolean);
}
