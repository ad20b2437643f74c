import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { parsePostmasterPid } from "@/lib/db/orphaned-postmaster";

// The operator's side of `kill -9`: the process that started the embedded PostgreSQL is killed
// without a chance to stop it, and the start command run again must bring the database back.
// Each start is a real separate process (test/integration/support/database-owner.ts) in its own
// process group, so killing it is what killing `npm start` is.

const root = path.resolve(import.meta.dirname, "../..");
const owner = path.join(root, "test/integration/support/database-owner.ts");
const started: ChildProcess[] = [];
let dataDir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs the start path in a new process group; resolves once it has answered a query. */
function startOwner(port: number, extra: string[] = []) {
  // Without DATABASE_URL the start path uses the embedded database, as `npm start` does.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  // Node itself with tsx's loader, not the tsx command, whose child would outlive a kill of it alone.
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", owner, dataDir, String(port), ...extra], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const serving = new Promise<{ who: string; postmaster: number }>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^SERVING (.*)$/m.exec(out);
      if (m) resolve(JSON.parse(m[1]!));
    });
    child.once("exit", (code) => reject(new Error(`the start path exited (${code}) before serving:\n${out}\n${err}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, serving, exited, output: () => out };
}

function postmasterPid(): number | null {
  const file = path.join(dataDir, "pg", "postmaster.pid");
  return existsSync(file) ? (parsePostmasterPid(readFileSync(file, "utf8"))?.pid ?? null) : null;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

afterAll(async () => {
  // Every group, exited leaders included: what they started may still run in it.
  for (const c of started) {
    try {
      if (c.pid) process.kill(-c.pid, "SIGKILL");
    } catch {
      // the group is gone already
    }
  }
  // Leave no PostgreSQL behind, whatever happened above.
  const pid = dataDir ? postmasterPid() : null;
  if (pid && isRunning(pid)) {
    process.kill(pid, "SIGQUIT");
    for (let i = 0; i < 100 && isRunning(pid); i++) await delay(100);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm start after kill -9", () => {
  it("comes back after its process group is killed, and after its postgres is orphaned", { timeout: 180_000 }, async () => {
    const port = await freePort();
    // Under .data (not the system temp directory): PostgreSQL runs as its own user when we are root.
    dataDir = path.join(root, `.data/kill-recovery-${port}`);
    await rm(dataDir, { recursive: true, force: true });

    // 1. kill -9 of the whole process group, as `kill -9 -<pgid>` of npm start does.
    const first = startOwner(port);
    expect((await first.serving).who).toBe("custody");
    process.kill(-first.child.pid!, "SIGKILL");
    await first.exited;

    const second = startOwner(port);
    const { postmaster } = await second.serving;
    expect(isRunning(postmaster)).toBe(true);

    // 2. kill -9 of the owner alone (the OOM killer, a supervisor that signals only its child):
    // its postmaster lives on as an orphan holding the port and the data directory.
    process.kill(second.child.pid!, "SIGKILL");
    await second.exited;
    expect(isRunning(postmaster)).toBe(true);

    const third = startOwner(port, ["--stop"]);
    const again = await third.serving;
    expect(again.who).toBe("custody");
    expect(again.postmaster).not.toBe(postmaster);
    expect(third.output()).toContain(`stopped PostgreSQL pid ${postmaster}`);
    expect(await third.exited).toBe(0);
    expect(isRunning(postmaster)).toBe(false);
  });
});
