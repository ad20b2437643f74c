import { execFileSync } from "node:child_process";
import { readFileSync, realpathSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";

// After `kill -9` of the process that started the embedded PostgreSQL, its postmaster can live
// on as an orphan that still holds the port and the data directory, so the next `npm start`
// could not start one. The data directory's postmaster.pid says who holds it; if that process
// is a postgres serving this very directory it is ours, and we shut it down cleanly before
// starting again. A pid file naming a live process that is not our postgres (its pid reused
// after a reboot or in a container) is stale, and PostgreSQL would refuse to start over it.

export type PostmasterLock = { pid: number; dataDir: string; port: number };

/** The first lines of postmaster.pid: pid, data directory, start time, port (PostgreSQL's documented layout). */
export function parsePostmasterPid(text: string): PostmasterLock | null {
  const [pid, dataDir, , port] = text.split("\n");
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || !dataDir) return null;
  return { pid: n, dataDir, port: Number(port) };
}

/** Whether the pid exists at all, an unreaped zombie included (what PostgreSQL's own lock check sees). */
function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (postgres runs as its own user under root).
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

// An exited process waits as a zombie until its parent, or init for an orphan, reaps it; it
// holds no port and no directory any more.
function isZombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    try {
      return execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().startsWith("Z");
    } catch {
      return false;
    }
  }
}

const alive = (pid: number) => exists(pid) && !isZombie(pid);

/** The command line of a process, from /proc on Linux or `ps` elsewhere; null if unreadable. */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split(/\s+/);
    } catch {
      return null;
    }
  }
}

/** What a live pid is: our postmaster (postgres -D dataDir), another postgres, or something else. */
export function identifyProcess(pid: number, dataDir: string): "ours" | "postgres" | "other" | "unknown" {
  const argv = commandLine(pid);
  if (!argv?.length) return "unknown";
  if (!/^postgres\b/.test(path.basename(argv[0]!))) return "other";
  const d = argv.indexOf("-D");
  return d >= 0 && argv[d + 1] !== undefined && samePath(argv[d + 1]!, dataDir) ? "ours" : "postgres";
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) return false;
    await delay(100);
  }
  return true;
}

/**
 * Makes the data directory free for a new postmaster: stops an orphaned postmaster of ours
 * (SIGINT, PostgreSQL's fast shutdown; SIGQUIT if that does not finish) and removes a stale
 * pid file. Returns what it did, for the start-up log.
 */
export async function recoverOrphanedPostmaster(dataDir: string): Promise<string | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const lockNow = async () => parsePostmasterPid(await readFile(pidFile, "utf8").catch(() => ""));
  const lock = await lockNow();
  if (!lock || !exists(lock.pid)) return null; // none, or a dead one PostgreSQL clears itself
  let done = `found PostgreSQL pid ${lock.pid} already exited`;
  if (alive(lock.pid)) {
    const what = identifyProcess(lock.pid, dataDir);
    if (what === "other") {
      await rm(pidFile, { force: true });
      return `removed a stale ${pidFile} (its pid ${lock.pid} is now another program)`;
    }
    if (what !== "ours" || !samePath(lock.dataDir, dataDir)) {
      throw new Error(`${pidFile} names pid ${lock.pid}, which is running but cannot be confirmed as this directory's PostgreSQL; stop it, or remove the file if it is not PostgreSQL.`);
    }
    process.kill(lock.pid, "SIGINT");
    if (!(await waitFor(() => !alive(lock.pid), 30_000))) {
      process.kill(lock.pid, "SIGQUIT");
      if (!(await waitFor(() => !alive(lock.pid), 10_000))) throw new Error(`PostgreSQL pid ${lock.pid} left running by an earlier start did not stop; stop it by hand.`);
    }
    done = `stopped PostgreSQL pid ${lock.pid} (port ${lock.port}) left running by an earlier start that was killed`;
  }
  // Killed outright, it leaves its pid file behind, and until it is reaped PostgreSQL takes the
  // zombie for a live postmaster. Give init a moment; if nobody reaps it, the file is stale.
  await waitFor(() => !exists(lock.pid), 5_000);
  if (exists(lock.pid) && (await lockNow())?.pid === lock.pid) await rm(pidFile, { force: true });
  return done;
}
