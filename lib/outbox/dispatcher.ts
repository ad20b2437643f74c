import { startJobRunner, type JobRunner } from "@/lib/jobs/runner/job-runner";
import { attemptDelivery } from "./attempt-delivery";
import type { OutboxConfig } from "./config";
import { DELIVER_TASK } from "./decision-webhook";

// The dispatcher: the job runner with the delivery task. Without an endpoint there is no
// delivery task, so delivery jobs wait in the queue (the pages say "no endpoint configured")
// and are taken the moment a runner with an endpoint starts.

export type DispatcherOptions = { connectionString: string; config: OutboxConfig; log?: (line: string) => void };

export async function startDispatcher({ connectionString, config, log = (l) => console.log(l) }: DispatcherOptions): Promise<JobRunner | null> {
  const { webhookUrl, webhookSecret } = config;
  if (!webhookUrl || !webhookSecret) {
    log("[dispatcher] CUSTODY_PLATFORM_WEBHOOK_URL is not set: decisions stay queued until a dispatcher with an endpoint runs");
    return null;
  }
  const delivery = { ...config, webhookUrl, webhookSecret };
  return startJobRunner({
    connectionString,
    concurrency: config.concurrency,
    staleMs: config.runnerStaleMs,
    log,
    tasks: {
      [DELIVER_TASK]: async (payload, helpers) => {
        const decisionId = (payload as { decisionId?: unknown } | null)?.decisionId;
        if (typeof decisionId !== "string") throw new Error("delivery job without a decisionId");
        const outcome = await attemptDelivery(helpers.withPgClient, delivery, decisionId);
        if (outcome.kind === "failed") log(`[dispatcher] decision ${decisionId}: attempt ${outcome.attempts} failed (${outcome.error}); ${outcome.nextAttemptAt ? `next try ${outcome.nextAttemptAt.toISOString()}` : "given up"}`);
      },
    },
  });
}
