// npm run platform:sim — a separate process that plays the messaging platform against a
// running Custody over real HTTP (README, "Platform simulator"). It speaks only HTTP: it
// imports nothing of Custody (dependency rule `platform-sim-speaks-http`).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { CustodyClient } from "./custody-client";
import { Platform } from "./platform";
import { createSimServer } from "./server";
import { parseSecrets } from "./signing";
import { World } from "./world";

const USAGE = `usage: npm run platform:sim -- [--custody URL] [--port N] [--rate DMs/s] [--idle] [--script grooming]
  env CUSTODY_INTAKE_SECRET           the secret it signs intake with (the first one if several)
  env CUSTODY_PLATFORM_WEBHOOK_SECRET the secret(s) it verifies decision webhooks with`;

const { values } = parseArgs({
  options: {
    custody: { type: "string", default: process.env.SIM_CUSTODY_URL ?? `http://localhost:${process.env.PORT ?? 3000}` },
    port: { type: "string", default: process.env.SIM_PORT ?? "3311" },
    rate: { type: "string", default: "1" },
    accounts: { type: "string", default: "12" },
    conversations: { type: "string", default: "8" },
    "report-every": { type: "string", default: "12" },
    idle: { type: "boolean", default: false },
    script: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

function fail(message: string): never {
  console.error(`[sim] ${message}\n${USAGE}`);
  process.exit(2);
}
const num = (name: keyof typeof values, min: number, max: number) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}`);
  return n;
};

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const signWith = parseSecrets(process.env.CUSTODY_INTAKE_SECRET)[0];
const verifyWith = parseSecrets(process.env.CUSTODY_PLATFORM_WEBHOOK_SECRET);
if (!signWith) fail("CUSTODY_INTAKE_SECRET is not set: the platform cannot sign intake requests");
if (verifyWith.length === 0) fail("CUSTODY_PLATFORM_WEBHOOK_SECRET is not set: the platform cannot verify decisions");
if (values.script !== undefined && values.script !== "grooming") fail(`unknown --script ${values.script} (known: grooming)`);
const port = num("port", 1, 65535);
const rate = num("rate", 0.01, 100);
const reportEvery = num("report-every", 1, 10_000);

const log = (line: string) => console.log(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}`);
// A run prefix keeps this run's platform ids and handles apart from earlier runs against the same database.
const world = new World(`sim${randomBytes(3).toString("hex")}`);
const custody = new CustodyClient(values.custody!, signWith);
const platform = new Platform(world, custody, log);
const mode = values.script ? `script ${values.script}` : values.idle ? "idle" : `traffic at ${rate} DM/s`;
const server = createSimServer({ platform, deliverySecrets: verifyWith, log, info: () => ({ custody: values.custody, mode, runPrefix: world.prefix }) });

await new Promise<void>((resolve) =>
  server
    .once("error", (e: NodeJS.ErrnoException) => fail(e.code === "EADDRINUSE" ? `port ${port} is already in use: stop what holds it or pass --port` : `cannot listen on ${port}: ${e.message}`))
    .listen(port, "127.0.0.1", () => resolve()),
);
log(`platform simulator on http://127.0.0.1:${port} (decisions: POST /webhooks/custody, GET /state), ${mode}, Custody at ${values.custody}`);

let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    stopping = true;
    log(`stopping: ${JSON.stringify(world.counts)}`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });

if (!values.idle || values.script) {
  await custody.waitUntilUp(10 * 60_000, log);
  if (values.script === "grooming") {
    const run = await platform.groomingScenario().catch((e: unknown) => (log(`! grooming script failed: ${String(e)}`), null));
    if (run) log(`grooming script done: Custody flagged ${run.flagged} message${run.flagged === 1 ? "" : "s"}; staying up for decisions`);
  }
  if (!values.idle && !values.script) {
    await platform.populate(num("accounts", 2, 500), num("conversations", 1, 500));
    while (!stopping) {
      await platform.tick({ hostileShare: 0.15, reportEvery, appealShare: 0.05 }).catch((e: unknown) => log(`! ${e instanceof Error ? e.message : String(e)}`));
      await new Promise((r) => setTimeout(r, 1000 / rate));
    }
  }
}
