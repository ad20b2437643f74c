// npm run audit:seal [-- --once] — seals the access log outside the web server: as a loop
// (a standby while another sealer, e.g. the server's, holds the lock), or with --once: seal
// everything pending and exit. Uses DATABASE_URL, or the embedded database like db:migrate.
import { Sealer } from "@/lib/log/sealer/sealer";
import { cliDatabase } from "./cli-database";

const once = process.argv.includes("--once");
const log = (m: string) => console.log(`[audit:seal] ${m}`);

const db = await cliDatabase(log);
const sealer = new Sealer({ connectionString: db.appUrl, log });
try {
  if (once) {
    const sealed = await sealer.sealAll();
    log(`sealed ${sealed} event(s); tree size ${sealer.stats.treeSize}`);
  } else {
    log("running; Ctrl-C to stop");
    sealer.start();
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
    });
    await sealer.stop();
    log(`stopped after sealing ${sealer.stats.sealed} event(s)`);
  }
} catch (error) {
  console.error(`[audit:seal] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await sealer.stop();
  await db.close();
}
