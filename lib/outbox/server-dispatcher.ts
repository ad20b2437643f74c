import "server-only";
import { env } from "@/lib/env";
import type { JobRunner } from "@/lib/jobs/runner/job-runner";
import { outboxConfig } from "./config";
import { startDispatcher } from "./dispatcher";

// The dispatcher inside the web server, started once per process from instrumentation.ts next
// to the sealer. Every server process runs one (ADR 006: one per core); they share the queue
// without an election, since each job is taken by one runner (SKIP LOCKED).

const g = globalThis as unknown as { custodyDispatcher?: Promise<JobRunner | null> };

export function startServerDispatcher(): Promise<JobRunner | null> {
  const config = outboxConfig();
  if (!config.dispatcherInServer) return Promise.resolve(null);
  g.custodyDispatcher ??= startDispatcher({ connectionString: env().DATABASE_URL, config }).catch((err: Error) => {
    console.error(`[dispatcher] could not start: ${err.message}`);
    g.custodyDispatcher = undefined;
    return null;
  });
  return g.custodyDispatcher;
}
