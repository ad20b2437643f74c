import { randomUUID } from "node:crypto";
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { AppError } from "@/lib/errors";

// Every intake request is signed by the platform with the Standard Webhooks scheme
// (https://www.standardwebhooks.com): HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`
// with a shared `whsec_` secret, carried in `webhook-signature` as space-separated `v1,<base64>`.
// The `standardwebhooks` package does the HMAC, the constant-time comparison and the ±5 minute
// timestamp window; this module adds what it leaves to us: several active secrets (rotation:
// any one verifies), and refusals that say which check failed. Replays are refused by the
// caller, against PostgreSQL (lib/intake/replay.ts), because every server process must agree.

export type SignatureHeaders = { get(name: string): string | null };

/** A webhook-id is the replay key: printable ASCII, bounded so the replay table stays small. */
const WEBHOOK_ID = /^[\x21-\x7e]{1,200}$/;

export class SignatureError extends AppError {
  constructor(code: "BAD_SIGNATURE" | "STALE_TIMESTAMP", message: string) {
    super(401, code, message);
  }
}

/**
 * Splits CUSTODY_INTAKE_SECRET (one or more `whsec_<base64>` secrets, separated by spaces or
 * commas) and checks each. Throws naming the position of a bad one, never its value.
 */
export function parseIntakeSecrets(raw: string): string[] {
  const secrets = raw.split(/[\s,]+/).filter(Boolean);
  if (secrets.length === 0) throw new Error("no secret given");
  secrets.forEach((s, i) => {
    const problem = !s.startsWith("whsec_") ? "does not start with whsec_" : !/^[A-Za-z0-9+/]+={0,2}$/.test(s.slice(6)) ? "is not base64 after whsec_" : Buffer.from(s.slice(6), "base64").length < 24 ? "holds fewer than 24 bytes" : null;
    if (problem) throw new Error(`secret ${i + 1} ${problem}`);
  });
  return secrets;
}

export class IntakeVerifier {
  readonly #hooks: Webhook[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error("IntakeVerifier needs at least one secret");
    this.#hooks = secrets.map((s) => new Webhook(s));
  }

  /**
   * Verifies that `body` (the exact text received) was signed by the platform with one of the
   * active secrets within the tolerance. Returns the webhook-id, the caller's replay key.
   */
  verify(body: string, headers: SignatureHeaders): { webhookId: string } {
    const id = headers.get("webhook-id");
    const timestamp = headers.get("webhook-timestamp");
    const signature = headers.get("webhook-signature");
    if (!id || !timestamp || !signature) throw new SignatureError("BAD_SIGNATURE", "Sign the request: webhook-id, webhook-timestamp and webhook-signature are required (Standard Webhooks).");
    if (!WEBHOOK_ID.test(id)) throw new SignatureError("BAD_SIGNATURE", "webhook-id must be 1–200 printable ASCII characters.");
    if (!/^\d{1,12}$/.test(timestamp)) throw new SignatureError("BAD_SIGNATURE", "webhook-timestamp must be whole seconds since the Unix epoch.");
    const wanted = { "webhook-id": id, "webhook-timestamp": timestamp, "webhook-signature": signature };
    for (const hook of this.#hooks) {
      try {
        hook.verify(body, wanted, { jsonParse: false });
        return { webhookId: id };
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) throw err;
        // The window is the same for every secret: the first one's verdict is everyone's.
        if (/timestamp too (old|new)/.test(err.message)) throw new SignatureError("STALE_TIMESTAMP", "webhook-timestamp is more than 5 minutes from now; sign each attempt afresh.");
      }
    }
    throw new SignatureError("BAD_SIGNATURE", "The signature does not match the body with any active secret.");
  }
}

/** Signs a body as the platform does (tests, the seed's own requests, examples). */
export function signIntakeRequest(secret: string, body: string, opts: { id?: string; at?: Date } = {}): Record<string, string> {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  return { "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(secret).sign(id, at, body) };
}
