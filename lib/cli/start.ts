// npm start — the one command that runs Custody: database (embedded unless DATABASE_URL is
// set), migrations, demo data on an empty embedded database, a production build if there is
// none, then `next start`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { nextCommand } from "./next-bin";
import { localSecret, prepareDatabase } from "../db/bootstrap";
import { PortTakenError, portIsFree } from "../db/embedded";

const log = (m: string) => console.log(`[custody] ${m}`);
const dataDir = path.resolve(process.env.CUSTODY_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const dbPort = Number(process.env.CUSTODY_DB_PORT ?? 54329);

async function main() {
  if (!(await portIsFree(port))) {
    throw new PortTakenError(`Port ${port} is already in use. Stop what holds it or set PORT.`);
  }
  const embeddedDefault = !process.env.DATABASE_URL;
  const db = await prepareDatabase({ dataDir, port: dbPort, log });
  if (db.applied.length) log(`applied migrations: ${db.applied.join(", ")}`);

  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.appUrl,
    CUSTODY_DATA_DIR: dataDir,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? (embeddedDefault ? await localSecret(dataDir, "nextauth-secret") : undefined),
    // The embedded default is the demo: password sign-in for the seeded demo staff.
    CUSTODY_DEMO: process.env.CUSTODY_DEMO ?? (embeddedDefault ? "1" : "0"),
  };
  if (!childEnv.NEXTAUTH_SECRET) throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set.");

  if (embeddedDefault) {
    Object.assign(process.env, childEnv);
    const { getDb, disconnectDb } = await import("../db");
    if ((await getDb().staff.count()) === 0) {
      log("empty database: writing demo data (about a minute)");
      const { seedDemo } = await import("../../prisma/seed");
      await seedDemo(getDb(), { log });
    }
    await disconnectDb();
  }

  if (!existsSync(path.resolve(".next/BUILD_ID"))) {
    log("no production build yet: running next build");
    const built = spawnSync(...nextCommand("build"), { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
    if (built.status !== 0) throw new Error("next build failed");
  }

  log(`starting Custody on http://localhost:${port}`);
  // One Next.js handler per core behind one port (lib/cli/serve.mjs; docs/decisions/006).
  const server = spawn(process.execPath, ["lib/cli/serve.mjs", "-p", String(port)], { stdio: "inherit", env: { ...childEnv, NODE_ENV: "production" } });
  const stop = async (code: number) => {
    await db.embedded?.stop().catch(() => {});
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => server.kill(sig));
  server.on("exit", (code) => void stop(code ?? 0));
}

main().catch((err) => {
  console.error(err instanceof PortTakenError ? err.message : err);
  process.exit(1);
});
