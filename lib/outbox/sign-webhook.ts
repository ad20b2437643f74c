import { Webhook } from "standardwebhooks";

// Standard Webhooks signing (the maintained `standardwebhooks` package, not hand-rolled HMAC):
// webhook-id is the decision id, the same on every retry, so the platform can drop duplicates;
// webhook-timestamp is the time of this attempt, so a platform's ±5 min tolerance holds on a
// retry a day later; webhook-signature is HMAC-SHA256 over "id.timestamp.body".

export function signedHeaders(secret: string, decisionId: string, body: string, at: Date = new Date()): Record<string, string> {
  return {
    "webhook-id": decisionId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(decisionId, at, body),
  };
}
