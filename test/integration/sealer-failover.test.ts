import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SEALER_LOCK_KEY, Sealer } from "@/lib/log/sealer/sealer";
import { verifyDatabaseLog } from "@/lib/log/verify/verify-database";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// Failover between sealers on different processes (ADR 026). The leader is a real `npm run
// audit:seal` process; the standby runs here. A leader killed with SIGKILL loses the lock at
// once (PostgreSQL sees its socket close). A leader frozen with SIGSTOP keeps its socket, so
// its session-level advisory lock stays held for as long as the session lives: that is bounded
// only by CUSTODY_SEALER_SESSION_TIMEOUT_SECONDS (idle_session_timeout on the sealer's own
// session). The frozen leader, woken, must seal nothing twice and fork nothing.

const dbs: LogDb[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill("SIGCONT");
      c.kill("SIGKILL");
      await new Promise((resolve) => c.once("exit", resolve));
    }
  }
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});
afterAll(() => dropTemplate());

async function db(): Promise<LogDb> {
  const d = await freshLogDb();
  dbs.push(d);
  return d;
}

/** `npm run audit:seal` as its own process, on this database, with the given session timeout. */
function sealerProcess(d: LogDb, timeoutSeconds: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-seal.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: d.appUrl,
      CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir,
      CUSTODY_SIGNING_KEY: d.config.signingKeyEnv,
      CUSTODY_LOG_ORIGIN: TEST_ORIGIN,
      CUSTODY_SEALER_SESSION_TIMEOUT_SECONDS: String(timeoutSeconds),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  children.push(child);
  return { child, output: () => output };
}

function standby(d: LogDb, timeoutSeconds: number) {
  return new Sealer({ connectionString: d.appUrl, config: { ...d.config, sealerSessionTimeoutSeconds: timeoutSeconds }, standbyRetryMs: 100, intervalMs: 100, log: () => {} });
}

async function sealedCount(d: LogDb): Promise<number> {
  const r = await d.owner.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_leaf");
  return r.rows[0]!.n;
}

/** The PostgreSQL backends holding the sealer lock (0 or 1 of them). */
async function lockHolders(d: LogDb): Promise<number[]> {
  const r = await d.owner.query<{ pid: number }>(
    `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND ((classid::bigint << 32) | objid::bigint) = $1::bigint`,
    [SEALER_LOCK_KEY],
  );
  return r.rows.map((row) => row.pid);
}

async function expectIntact(d: LogDb, events: number) {
  const result = await verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN });
  expect(result).toMatchObject({ ok: true, events, sealedEvents: events, unsealedEvents: 0, verifiedSize: events });
  const seqs = await d.owner.query<{ n: number; distinct: number }>("SELECT count(*)::int AS n, count(DISTINCT seq)::int AS distinct FROM audit_leaf");
  expect(seqs.rows[0]).toEqual({ n: events, distinct: events });
}

describe("sealer failover across processes", () => {
  it("a leader killed with SIGKILL: the standby holds the lock and seals within the standby retry", { timeout: 60_000 }, async () => {
    const d = await db();
    await appendEvents(d, 200);
    const leader = sealerProcess(d, 15);
    await expect.poll(() => sealedCount(d), { timeout: 30_000, interval: 50 }).toBe(200);
    const s = standby(d, 15).start();
    try {
      await delay(300);
      expect(s.stats.leader).toBe(false);
      expect(await lockHolders(d)).toHaveLength(1);
      leader.child.kill("SIGKILL");
      const killedAt = Date.now();
      await appendEvents(d, 100);
      await expect.poll(() => sealedCount(d), { timeout: 5_000, interval: 25 }).toBe(300);
      expect(s.stats.leader).toBe(true);
      expect(Date.now() - killedAt).toBeLessThan(5_000);
    } finally {
      await s.stop();
    }
    await expectIntact(d, 300);
  });

  it("a leader frozen with SIGSTOP keeps the lock until its session times out; woken, it stands by and nothing forks", { timeout: 60_000 }, async () => {
    const d = await db();
    await appendEvents(d, 100);
    const TIMEOUT = 2;
    const leader = sealerProcess(d, TIMEOUT);
    await expect.poll(() => sealedCount(d), { timeout: 30_000, interval: 50 }).toBe(100);
    const [frozenBackend] = await lockHolders(d);
    const s = standby(d, TIMEOUT).start();
    try {
      leader.child.kill("SIGSTOP");
      const stoppedAt = Date.now();
      await appendEvents(d, 50);
      // Still held: the frozen process's session is open and PostgreSQL cannot tell it from a slow one.
      await delay(1000);
      expect(await lockHolders(d)).toEqual([frozenBackend]);
      expect(s.stats.leader).toBe(false);
      expect(await sealedCount(d)).toBe(100);
      // After the timeout PostgreSQL ends the quiet session; the standby takes the lock and seals.
      await expect.poll(() => sealedCount(d), { timeout: 10_000, interval: 50 }).toBe(150);
      const tookOver = Date.now() - stoppedAt;
      expect(tookOver).toBeGreaterThanOrEqual(TIMEOUT * 1000 - 100);
      expect(tookOver).toBeLessThan(TIMEOUT * 1000 + 4000);
      expect(s.stats.leader).toBe(true);
      expect(await lockHolders(d)).not.toContain(frozenBackend);

      // Woken, the old leader finds its connection gone; it must not seal anything again.
      leader.child.kill("SIGCONT");
      await appendEvents(d, 50);
      await expect.poll(() => sealedCount(d), { timeout: 10_000, interval: 50 }).toBe(200);
      await delay(1000);
      expect(s.stats.leader).toBe(true);
      expect(await lockHolders(d)).toHaveLength(1);
      expect(leader.child.exitCode).toBeNull();
    } finally {
      await s.stop();
    }
    await expectIntact(d, 200);
    // Let go of the lock by the standby: the woken process, now a standby, takes over again.
    await appendEvents(d, 10);
    await expect.poll(() => sealedCount(d), { timeout: 10_000, interval: 50 }).toBe(210);
    await expectIntact(d, 210);
  });

  it("with the timeout off, a frozen leader holds the lock for as long as its session lives", { timeout: 60_000 }, async () => {
    const d = await db();
    await appendEvents(d, 20);
    const leader = sealerProcess(d, 0);
    await expect.poll(() => sealedCount(d), { timeout: 30_000, interval: 50 }).toBe(20);
    const s = standby(d, 0).start();
    try {
      leader.child.kill("SIGSTOP");
      await appendEvents(d, 20);
      await delay(4000);
      expect(s.stats.leader).toBe(false);
      expect(await sealedCount(d)).toBe(20);
      // What the operator does: end the frozen session; the standby then seals at once.
      await d.owner.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1::bigint", [SEALER_LOCK_KEY]);
      await expect.poll(() => sealedCount(d), { timeout: 5_000, interval: 50 }).toBe(40);
    } finally {
      await s.stop();
    }
    await expectIntact(d, 40);
  });
});
