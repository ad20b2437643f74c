import { outboxEnvSchema } from "@/lib/config/outbox-settings";

// The outbox's settings (lib/config/outbox-settings.ts) as the dispatcher uses them. Parsed
// from the environment without the web app's env(), so `npm run worker` needs no web secrets.

export type OutboxConfig = {
  /** Unset: no dispatcher delivers; decisions stay queued and the pages say why. */
  webhookUrl: string | null;
  webhookSecret: string | null;
  dispatcherInServer: boolean;
  concurrency: number;
  timeoutMs: number;
  retryBaseMs: number;
  retryCapMs: number;
  giveUpMs: number;
  runnerStaleMs: number;
};

export function outboxConfig(vars: Record<string, string | undefined> = process.env): OutboxConfig {
  const parsed = outboxEnvSchema.safeParse(vars);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Custody's outbox settings are invalid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.CUSTODY_PLATFORM_WEBHOOK_URL && !e.CUSTODY_PLATFORM_WEBHOOK_SECRET) {
    throw new Error("Custody's outbox settings are invalid:\n  CUSTODY_PLATFORM_WEBHOOK_SECRET: required when CUSTODY_PLATFORM_WEBHOOK_URL is set (deliveries are always signed)");
  }
  return {
    webhookUrl: e.CUSTODY_PLATFORM_WEBHOOK_URL ?? null,
    webhookSecret: e.CUSTODY_PLATFORM_WEBHOOK_SECRET ?? null,
    dispatcherInServer: e.CUSTODY_DISPATCHER,
    concurrency: e.CUSTODY_DISPATCHER_CONCURRENCY,
    timeoutMs: e.CUSTODY_DELIVERY_TIMEOUT_SECONDS * 1000,
    retryBaseMs: e.CUSTODY_DELIVERY_RETRY_BASE_SECONDS * 1000,
    retryCapMs: e.CUSTODY_DELIVERY_RETRY_CAP_SECONDS * 1000,
    giveUpMs: e.CUSTODY_DELIVERY_GIVE_UP_SECONDS * 1000,
    runnerStaleMs: e.CUSTODY_RUNNER_STALE_SECONDS * 1000,
  };
}
