// Runs Playwright against `next start` on a fresh, seeded database. Started by `npm run
// test:e2e`: prepares the database (embedded unless TEST_DATABASE_SERVER_URL is set), seeds a
// smaller demo through the real ingestion code, then hands the environment to Playwright,
// whose webServer starts the production server with it.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { nextCommand } from "../lib/cli/next-bin";
import { createFreshDatabase } from "../lib/db/fresh-database";

const dbPort = Number(process.env.CUSTODY_E2E_DB_PORT ?? 54331);
const distDir = process.env.NEXT_DIST_DIR ?? ".next";
const db = await createFreshDatabase({ prefix: "custody_e2e", appRole: "custody_e2e_app", embedded: { port: dbPort, dataDir: path.resolve(`.data/e2e-pg-${dbPort}`) } });
const dbName = db.name;
let status = 1;
/** A port the OS has free now, for the platform's webhook receiver a spec starts (e2e/webhook-receiver.ts). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
try {
  const webhookPort = await freePort();
  const dataDir = path.resolve(".data/e2e-run");
  mkdirSync(dataDir, { recursive: true });
  Object.assign(process.env, {
    DATABASE_URL: db.appUrl,
    E2E_OWNER_URL: db.ownerUrl,
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: `http://localhost:${process.env.E2E_PORT ?? 3100}`,
    CUSTODY_DEMO: "1",
    CUSTODY_DATA_DIR: dataDir,
    // Checkpoint files belong to one database; each run's fresh one gets its own directory.
    CUSTODY_CHECKPOINT_DIR: path.join(dataDir, "checkpoints", dbName),
    CUSTODY_KEK: randomBytes(32).toString("base64"),
    // TOTP steps spent by the specs of this run (see e2e/fixtures.ts).
    E2E_TOTP_STATE: path.join(dataDir, `totp-steps-${dbName}.json`),
    // Decisions are delivered to the platform's endpoint on this port. Specs own it in turn
    // (one worker, run one after another): decision-delivery.spec.ts runs its receiver there,
    // platform-sim.spec.ts the platform simulator (docs/decisions/018). While none listens,
    // deliveries fail and are retried, as with a platform that is down.
    E2E_WEBHOOK_PORT: String(webhookPort),
    CUSTODY_PLATFORM_WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/webhooks/custody`,
    CUSTODY_PLATFORM_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("base64")}`,
    // The intake's secret, shared with the platform simulator the platform-sim spec starts.
    CUSTODY_INTAKE_SECRET: `whsec_${randomBytes(32).toString("base64")}`,
  });
  const { getDb, disconnectDb } = await import("../lib/db");
  const { seedDemo } = await import("../prisma/seed");
  await seedDemo(getDb(), { scale: 0.1, log: (m) => console.log(`[e2e seed] ${m}`) });
  const { seedEmergencyForReview } = await import("./seed-emergency");
  await seedEmergencyForReview(getDb());
  const { seedOutboxCases } = await import("./seed-outbox");
  process.env.E2E_OUTBOX_CASES = (await seedOutboxCases(getDb())).join(",");
  await disconnectDb();

  if (!existsSync(path.join(distDir, "BUILD_ID")) || process.env.E2E_BUILD === "1") {
    const built = spawnSync(...nextCommand("build"), { stdio: "inherit" });
    if (built.status !== 0) throw new Error("next build failed");
  }
  const run = spawnSync("npx", ["playwright", "test", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
  status = run.status ?? 1;
} finally {
  await db.close({ keep: Boolean(process.env.KEEP_TEST_DB) });
}
process.exit(status);
