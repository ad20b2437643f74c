// Runs Playwright against `next start` on a fresh, seeded database. Started by `npm run
// test:e2e`: prepares the database (embedded unless TEST_DATABASE_SERVER_URL is set), seeds a
// smaller demo through the real ingestion code, then hands the environment to Playwright,
// whose webServer starts the production server with it.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { nextCommand } from "../lib/cli/next-bin";
import { appUrlFor, ensureAppLogin } from "../lib/db/bootstrap";
import { createDatabase, withPgClient } from "../lib/db/admin";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { applyMigrations } from "../lib/db/migrate";

const dbPort = Number(process.env.CUSTODY_E2E_DB_PORT ?? 54331);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const embedded = process.env.TEST_DATABASE_SERVER_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: path.resolve(`.data/e2e-pg-${dbPort}`), port: dbPort });
const serverUrl = process.env.TEST_DATABASE_SERVER_URL ?? embedded!.superuserUrl("postgres");
const dbName = `custody_e2e_${Date.now()}`;
let status = 1;
try {
  await createDatabase(serverUrl, dbName);
  const owner = new URL(serverUrl);
  owner.pathname = `/${dbName}`;
  await applyMigrations(owner.toString());
  const password = randomBytes(16).toString("hex");
  await ensureAppLogin(owner.toString(), "custody_e2e_app", password);
  const dataDir = path.resolve(".data/e2e-run");
  mkdirSync(dataDir, { recursive: true });
  Object.assign(process.env, {
    DATABASE_URL: appUrlFor(owner.toString(), "custody_e2e_app", password),
    E2E_OWNER_URL: owner.toString(),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: `http://localhost:${process.env.E2E_PORT ?? 3100}`,
    CUSTODY_DEMO: "1",
    CUSTODY_DATA_DIR: dataDir,
    // Checkpoint files belong to one database; each run's fresh one gets its own directory.
    CUSTODY_CHECKPOINT_DIR: path.join(dataDir, "checkpoints", dbName),
    CUSTODY_KEK: randomBytes(32).toString("base64"),
    // TOTP steps spent by the specs of this run (see e2e/fixtures.ts).
    E2E_TOTP_STATE: path.join(dataDir, `totp-steps-${dbName}.json`),
  });
  const { getDb, disconnectDb } = await import("../lib/db");
  const { seedDemo } = await import("../prisma/seed");
  await seedDemo(getDb(), { scale: 0.1, log: (m) => console.log(`[e2e seed] ${m}`) });
  await disconnectDb();

  if (!existsSync(path.join(distDir, "BUILD_ID")) || process.env.E2E_BUILD === "1") {
    const built = spawnSync(...nextCommand("build"), { stdio: "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
  status = run.status ?? 1;
} finally {
  if (!process.env.KEEP_TEST_DB) await withPgClient(serverUrl, (c) => c.query(`drop database if exists "${dbName}" with (force)`)).catch(() => {});
  await embedded?.stop();
}
process.exit(status);
