// npm run worker — the job runner outside the web server: delivers decisions to the platform
// (CUSTODY_PLATFORM_WEBHOOK_URL) and runs the hourly retention sweep. Any number may run beside the servers' own; each job runs in
// one of them at a time. Uses DATABASE_URL, or the embedded database like db:migrate.
import { outboxConfig } from "@/lib/outbox/config";
import { startDispatcher } from "@/lib/outbox/dispatcher";
import { startRetentionRunner } from "@/lib/jobs/retention-runner";

const log = (m: string) => console.log(m.startsWith("[") ? m : `[worker] ${m}`);

// With DATABASE_URL the embedded-database code is not even loaded: its exit hook would answer
// SIGTERM with an immediate exit, cutting the runner's graceful stop short.
const db = process.env.DATABASE_URL
  ? { appUrl: process.env.DATABASE_URL, close: async () => {} }
  : await (await import("./cli-database")).cliDatabase(log);
try {
  const config = outboxConfig();
  // The hourly retention sweep (crypto-shredding) runs here whether or not decisions can be delivered.
  const retention = await startRetentionRunner({ connectionString: db.appUrl, staleMs: config.runnerStaleMs, log });
  const runner = await startDispatcher({ connectionString: db.appUrl, config, log });
  log(`running${runner ? ` as ${runner.poolId}` : " the retention sweep only"} (pid ${process.pid}); Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    // `on`, not `once`: a second signal while stopping is ignored rather than killing the stop.
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => resolve());
    for (const r of [runner, retention]) {
      r?.promise.then(resolve, (err: Error) => {
        console.error(`[worker] a runner failed: ${err.message}`);
        process.exitCode = 1;
        resolve();
      });
    }
  });
  await runner?.stop();
  await retention.stop();
  log("stopped");
} catch (error) {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
