// npm run test:mutation [-- stryker options, e.g. --mutate lib/policy/**/*.ts]
//
// Stryker copies the project into a sandbox and starts one Vitest per worker. Each Vitest runs
// the integration project's globalSetup, which would start an embedded PostgreSQL of its own —
// inside the sandbox copy, on the one port CUSTODY_TEST_DB_PORT names, once per worker — and
// the second one cannot. So this starts a single embedded cluster here, outside the sandbox,
// and hands its superuser URL to the workers as TEST_DATABASE_SERVER_URL, which the globalSetup
// already honours (lib/db/fresh-database.ts): each worker then creates and drops its own fresh
// database on it. A TEST_DATABASE_SERVER_URL already set (a PostgreSQL of your own) is used as is.
import { spawn } from "node:child_process";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded";

const port = Number(process.env.CUSTODY_TEST_DB_PORT ?? 54332);
let embedded: EmbeddedDatabase | null = null;
if (!process.env.TEST_DATABASE_SERVER_URL) {
  embedded = await startEmbeddedPostgres({ port, dataDir: path.resolve(`.data/mutation-pg-${port}`) });
  process.env.TEST_DATABASE_SERVER_URL = embedded.superuserUrl("postgres");
}
let status = 1;
try {
  // The bin directly (npx would sit between us and it, and not pass signals on).
  const stryker = path.resolve("node_modules/@stryker-mutator/core/bin/stryker.js");
  const child = spawn(process.execPath, [stryker, "run", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  status = await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
} finally {
  await embedded?.stop();
}
process.exit(status);
