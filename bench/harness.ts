// Shared pieces of the benchmarks: a fresh database on the embedded PostgreSQL, the production
// server started against it, session cookies minted for staff, and a closed-loop load generator.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { nextCommand } from "../lib/cli/next-bin";
import { encode } from "next-auth/jwt";
import { createFreshDatabase, type FreshDatabase } from "../lib/db/fresh-database";

export type BenchDb = FreshDatabase;

export function freshDatabase(name: string): Promise<BenchDb> {
  // Port and data directory go together (as for tests), so benchmarks run side by side do not share a cluster.
  const port = Number(process.env.CUSTODY_BENCH_DB_PORT ?? 54332);
  const dataDir = path.resolve(port === 54332 ? ".data/bench-pg" : `.data/bench-pg-${port}`);
  return createFreshDatabase({ prefix: `custody_bench_${name}`, appRole: "custody_bench_app", embedded: { port, dataDir } });
}

export function benchEnv(appUrl: string, port: number): Record<string, string> {
  return {
    DATABASE_URL: appUrl,
    NEXTAUTH_SECRET: process.env.BENCH_SECRET ?? randomBytes(32).toString("hex"),
    NEXTAUTH_URL: `http://localhost:${port}`,
    CUSTODY_DEMO: "1",
    CUSTODY_DATA_DIR: path.resolve(".data/bench-run"),
    CUSTODY_KEK: randomBytes(32).toString("base64"),
    CUSTODY_READ_LIMIT_PER_HOUR: "100000000",
  };
}

export function ensureBuild() {
  if (existsSync(path.join(process.env.NEXT_DIST_DIR ?? ".next", "BUILD_ID")) && process.env.BENCH_BUILD !== "1") return;
  const built = spawnSync(...nextCommand("build"), { stdio: "inherit" });
  if (built.status !== 0) throw new Error("next build failed");
}

export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  // The production server as `npm start` runs it: one Next.js handler per core (serve.mjs).
  // BENCH_SERVER_NODE_ARGS: extra flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, "lib/cli/serve.mjs", "-p", String(port)], { env: { ...process.env, ...env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://localhost:${port}/api/health`);
      if (r.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error("server did not start");
}

type SessionDb = { staffSession: { create: (a: { data: { staffId: string; stepUpAt: Date }; select: { id: true } }) => Promise<{ id: string }> } };

/**
 * A cookie for a server-side session, as sign-in would create it, that has just passed the
 * TOTP step-up (written directly: the benchmarks measure reads, not sign-in). Good for the
 * step-up's 15 minutes and the session's 30 idle minutes.
 */
export async function sessionCookie(db: SessionDb, staffId: string, secret: string): Promise<string> {
  const { id: sid } = await db.staffSession.create({ data: { staffId, stepUpAt: new Date() }, select: { id: true } });
  const token = await encode({ token: { sub: staffId, sid }, secret, maxAge: 12 * 3600 });
  return `next-auth.session-token=${token}`;
}

export type LoadResult = {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<number, number>;
  /** The lowest and highest of the clients' mean latencies: far apart means the load was not evenly served. */
  clientMeans: { min: number; max: number };
  /** CPU seconds the load generator's process used during the run. */
  cpuSeconds: number;
};


type LoadRequest = { path: string; headers?: Record<string, string> };

/**
 * `clients` concurrent clients in a closed loop for `seconds`, client i sending requests[i %
 * requests.length] — run by bench/load-generator.mjs in a process of its own (see there).
 */
export async function runLoad(opts: { port: number; clients: number; seconds: number; requests: LoadRequest[] }): Promise<LoadResult> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "load-generator.mjs"), JSON.stringify({ ...opts })], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out) as LoadResult;
}

export function fmt(r: LoadResult) {
  return `${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   (${r.requests} requests, ${r.errors} errors; clients' means ${r.clientMeans.min.toFixed(1)}–${r.clientMeans.max.toFixed(1)} ms)`;
}

/** CPU seconds (user + system) used so far by one process and all of its descendants (Linux /proc). */
export function treeCpuSeconds(root: number, exclude = new Set<number>()): number {
  const tick = 100; // USER_HZ on Linux
  const procs = new Map<number, { ppid: number; cpu: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(entry), { ppid: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / tick });
    } catch {
      // exited while we looked
    }
  }
  let total = 0;
  const walk = (pid: number) => {
    if (exclude.has(pid)) return;
    total += procs.get(pid)?.cpu ?? 0;
    for (const [child, p] of procs) if (p.ppid === pid) walk(child);
  };
  walk(root);
  return total;
}

export type CpuSplit = { server: number; database: number };

/**
 * Where the machine's CPU went between two calls: the server's processes and PostgreSQL (the
 * embedded cluster is this process's child). The load generator reports its own (LoadResult).
 */
export function cpuMeter(serverPid: number) {
  const sample = (): CpuSplit => {
    const self = process.cpuUsage();
    return { server: treeCpuSeconds(serverPid), database: treeCpuSeconds(process.pid, new Set([serverPid])) - (self.user + self.system) / 1e6 };
  };
  const start = sample();
  return (): CpuSplit => {
    const end = sample();
    return { server: end.server - start.server, database: end.database - start.database };
  };
}

/** CPU milliseconds per request, by process group. */
export function fmtCpu(split: CpuSplit, load: LoadResult) {
  const per = (s: number) => ((s * 1000) / load.requests).toFixed(2);
  return `CPU per request: server ${per(split.server)} ms, PostgreSQL ${per(split.database)} ms, load generator ${per(load.cpuSeconds)} ms`;
}
