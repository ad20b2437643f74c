// npm run worker — the job runner outside the web server: delivers decisions to the platform
// (CUSTODY_PLATFORM_WEBHOOK_URL). Any number may run beside the servers' own; each job runs in
// one of them at a time. Uses DATABASE_URL, or the embedded database like db:migrate.
import { outboxConfig } from "@/lib/outbox/config";
import { startDispatcher } from "@/lib/outbox/dispatcher";
import { cliDatabase } from "./cli-database";

const log = (m: string) => console.log(m.startsWith("[") ? m : `[worker] ${m}`);

const db = await cliDatabase(log);
try {
  const runner = await startDispatcher({ connectionString: db.appUrl, config: outboxConfig(), log });
  if (!runner) process.exitCode = 2;
  else {
    log(`running as ${runner.poolId} (pid ${process.pid}); Ctrl-C to stop`);
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
      runner.promise.then(resolve, (err: Error) => {
        console.error(`[worker] the runner failed: ${err.message}`);
        process.exitCode = 1;
        resolve();
      });
    });
    await runner.stop();
    log("stopped");
  }
} catch (error) {
  console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
