import { z } from "zod";
import { DELIVERY_GIVE_UP_HOURS, DELIVERY_TIMEOUT_SECONDS } from "@/lib/policy/limits";

// The outbox's variables: where decisions are delivered and with which secret, whether the web
// server runs a dispatcher, and the retry schedule. A leaf module like log-settings.ts, so that
// lib/env.ts can include these fields (a misconfigured server fails at start-up) while the
// worker CLI, which runs without the web app's secrets, parses them alone (lib/outbox/config.ts).

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
const seconds = z.coerce.number().positive();

export const outboxEnvSchema = z.object({
  /** The platform's enforcement endpoint. Unset: decisions stay queued ("no endpoint configured"). */
  CUSTODY_PLATFORM_WEBHOOK_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The Standard Webhooks secret outbound deliveries are signed with (whsec_<base64>). */
  CUSTODY_PLATFORM_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]{24,}={0,2}$/, "must be a Standard Webhooks secret: whsec_ followed by base64 of at least 18 bytes")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Whether the web server runs the job runner (several may run: jobs are taken with SKIP LOCKED). */
  CUSTODY_DISPATCHER: flag.default(true),
  /** Jobs one runner process works on at once. */
  CUSTODY_DISPATCHER_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
  /** One attempt's timeout. */
  CUSTODY_DELIVERY_TIMEOUT_SECONDS: seconds.default(DELIVERY_TIMEOUT_SECONDS),
  /** The first retry's delay; each further one doubles, with jitter, up to the cap. */
  CUSTODY_DELIVERY_RETRY_BASE_SECONDS: seconds.default(10),
  CUSTODY_DELIVERY_RETRY_CAP_SECONDS: seconds.default(3600),
  /** Retries stop (the delivery is given up) this long after the first attempt. */
  CUSTODY_DELIVERY_GIVE_UP_SECONDS: seconds.default(DELIVERY_GIVE_UP_HOURS * 3600),
  /** A runner that has not beaten for this long is dead; its jobs go back to the queue. */
  CUSTODY_RUNNER_STALE_SECONDS: seconds.default(30),
});

export type OutboxEnv = z.infer<typeof outboxEnvSchema>;
