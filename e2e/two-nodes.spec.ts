import { expect, test } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import pg from "pg";

// Two Custody nodes (lib/cli/serve.mjs, the production server, one process each) on different
// ports against one PostgreSQL database that neither owns (e2e/two-nodes-world.ts), as an
// operator runs N nodes behind a load balancer (ADR 026). Checked from the outside only, over
// HTTP, the metrics port and PostgreSQL's own lock table:
// - exactly one node holds the sealer lock (custody_log_sealer_leader sums to 1);
// - a session works on both; a grant revoked through A is refused on B at once, and B's open
//   event stream hears it;
// - reads through both nodes while the leader is killed with SIGKILL: the other seals within
//   5 s, every acknowledged read has exactly one sealed event, nothing is sealed twice;
// - the leader frozen with SIGSTOP: PostgreSQL ends its quiet session after the sealer session
//   timeout and the other node takes over; woken, the old leader stands by;
// - `npm run audit:verify -- --database` passes over what both nodes wrote: no fork, no gap.

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

type World = {
  name: string;
  ownerUrl: string;
  env: Record<string, string>;
  clients: { cookie: string; caseId: string; grantId: string }[];
  leadCookie: string;
  scope: number;
};

type Node = { name: string; port: number; metricsPort: number; child: ChildProcess; output: () => string; exited: Promise<unknown> };

const SESSION_TIMEOUT_SECONDS = 3;
let world: World;
const nodes: Node[] = [];
const outputs: Record<string, string> = {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: world.ownerUrl });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function startNode(name: string): Promise<Node> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = spawn(process.execPath, ["lib/cli/serve.mjs", "-p", String(port)], {
    env: {
      ...process.env,
      ...world.env,
      NODE_ENV: "production",
      NEXTAUTH_URL: `http://localhost:${port}`,
      CUSTODY_WORKERS: "1",
      CUSTODY_METRICS_PORT: String(metricsPort),
      CUSTODY_SEALER_SESSION_TIMEOUT_SECONDS: String(SESSION_TIMEOUT_SECONDS),
      CUSTODY_READ_LIMIT_PER_HOUR: "100000000",
      // This spec's nodes deliver no decisions: the platform endpoint belongs to other specs.
      CUSTODY_DISPATCHER: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const node = { name, port, metricsPort, child, output: () => output, exited };
  nodes.push(node);
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, { timeout: 90_000 }).toBe(200);
  return node;
}

/** This node's custody_log_sealer_leader (0 or 1), or null when its metrics do not answer. */
async function leaderGauge(node: Node): Promise<number | null> {
  const r = await fetch(`http://127.0.0.1:${node.metricsPort}/api/metrics`, { signal: AbortSignal.timeout(1000) }).catch(() => null);
  if (!r?.ok) return null;
  const m = /^custody_log_sealer_leader(?:\{[^}]*\})? (\d+)$/m.exec(await r.text());
  return m ? Number(m[1]) : null;
}

async function leaders(live: Node[]): Promise<string[]> {
  const gauges = await Promise.all(live.map(leaderGauge));
  return live.filter((_, i) => gauges[i] === 1).map((n) => n.name);
}

/** Backends holding the sealer's advisory lock in this database (PostgreSQL's view). */
async function lockHolders(): Promise<number> {
  const rows = await owner<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND ((classid::bigint << 32) | objid::bigint) = 7263091848522133001`,
  );
  return rows[0]!.n;
}

function read(node: Node, client: World["clients"][number], requestId = randomUUID()) {
  return fetch(`http://127.0.0.1:${node.port}/api/v1/cases/${client.caseId}/messages`, { headers: { cookie: client.cookie, "x-request-id": requestId }, signal: AbortSignal.timeout(10_000) });
}

async function unsealed(): Promise<number> {
  const rows = await owner<{ n: number }>("SELECT count(*)::int AS n FROM access_event e WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)");
  return rows[0]!.n;
}

test.beforeAll(async () => {
  const made = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/two-nodes-world.ts", "5"], { encoding: "utf8", env: process.env, timeout: 120_000 });
  if (made.status !== 0) throw new Error(`two-nodes-world failed:\n${made.stdout}\n${made.stderr}`);
  world = JSON.parse(made.stdout.trim().split("\n").at(-1)!) as World;
  await Promise.all([startNode("A"), startNode("B")]);
});

test.afterAll(async () => {
  for (const n of nodes) {
    outputs[`${n.name}-${n.port}`] = n.output();
    if (n.child.exitCode === null && n.child.signalCode === null) {
      n.child.kill("SIGCONT");
      n.child.kill("SIGKILL");
      await n.exited;
    }
  }
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/two-nodes-output.json", JSON.stringify(outputs, null, 1));
  if (world) {
    const server = new URL(world.ownerUrl);
    server.pathname = "/postgres";
    const c = new pg.Client({ connectionString: server.toString() });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${world.name}" WITH (FORCE)`).catch(() => {});
    await c.end();
  }
});

test("exactly one of the two nodes holds the sealer lock", async () => {
  const [a, b] = nodes as [Node, Node];
  await expect.poll(() => leaders([a, b]), { timeout: 15_000 }).toHaveLength(1);
  // And it stays one: the standby keeps trying and keeps being refused.
  for (let i = 0; i < 5; i++) {
    expect(await leaders([a, b])).toHaveLength(1);
    expect(await lockHolders()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test("a session works on both nodes; a grant revoked through A is refused on B at once, and B's event stream hears it", async () => {
  const [a, b] = nodes as [Node, Node];
  const reviewer = world.clients[0]!;
  expect((await read(a, reviewer)).status).toBe(200);
  const onB = await read(b, reviewer);
  expect(onB.status).toBe(200);
  expect(((await onB.json()) as { messages: unknown[] }).messages).toHaveLength(world.scope);

  // B's live channel for this grant, as the open thread holds it (ADR 008).
  const stream = await fetch(`http://127.0.0.1:${b.port}/api/v1/me/events?grant=${reviewer.grantId}`, { headers: { cookie: reviewer.cookie } });
  expect(stream.status).toBe(200);
  const reader = stream.body!.getReader();
  let text = "";
  const heard = (what: string) =>
    (async () => {
      while (!text.includes(what)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${what}: ${text}`);
        text += new TextDecoder().decode(value);
      }
    })();
  await heard("event: ready");
  expect(text).toContain('"live"');

  const revoked = await fetch(`http://127.0.0.1:${a.port}/api/v1/grants/${reviewer.grantId}/revoke`, {
    method: "POST",
    headers: { cookie: world.leadCookie, "content-type": "application/json", "x-custody-request": "1" },
    body: JSON.stringify({ reason: "two-node test: revoked through node A" }),
  });
  expect(revoked.status).toBe(200);
  const revokedAt = Date.now();
  // The very next read through the other node is refused: the grant is read from the database on every request.
  const refused = await read(b, reviewer);
  expect(refused.status).toBe(403);
  expect(await refused.text()).toContain("GRANT_ENDED");
  await Promise.race([heard("event: grant-ended"), new Promise((_, reject) => setTimeout(() => reject(new Error(`no grant-ended within 5 s: ${text}`)), 5000))]);
  expect(Date.now() - revokedAt).toBeLessThan(5000);
  await reader.cancel();
  // The refusal is in the log, written by B.
  const denied = await owner<{ n: number }>("SELECT count(*)::int AS n FROM access_event WHERE action = 'CONTENT_READ' AND outcome = 'DENIED' AND grant_id = $1", [reviewer.grantId]);
  expect(denied[0]!.n).toBe(1);
});

test("reads through both nodes while the sealer leader is killed with SIGKILL: the other seals within 5 s, no read loses its event", async () => {
  const live = nodes.slice(0, 2);
  const [leaderName] = await leaders(live);
  const leader = live.find((n) => n.name === leaderName)!;
  const survivor = live.find((n) => n !== leader)!;
  const readers = world.clients.slice(1);
  const acknowledged: string[] = [];
  let failed = 0;
  let stop = false;
  // Each reader alternates between the nodes, as a balancer without affinity would send it.
  const load = readers.map(async (client, i) => {
    for (let k = i; !stop; k++) {
      const node = k % 2 ? leader : survivor;
      const id = randomUUID();
      const r = await read(node, client, id).catch(() => null);
      if (r?.status === 200) {
        await r.arrayBuffer();
        acknowledged.push(id);
      } else failed++;
    }
  });
  await new Promise((r) => setTimeout(r, 2000));
  leader.child.kill("SIGKILL");
  const killedAt = Date.now();
  await expect.poll(() => leaderGauge(survivor), { timeout: 5000, intervals: [50] }).toBe(1);
  const takeoverMs = Date.now() - killedAt;
  await new Promise((r) => setTimeout(r, 2000));
  stop = true;
  await Promise.all(load);
  await expect.poll(unsealed, { timeout: 5000 }).toBe(0);
  console.log(`two nodes: sealer takeover after SIGKILL in ${takeoverMs} ms; ${acknowledged.length} acknowledged reads, ${failed} refused or cut off by the kill`);
  expect(takeoverMs).toBeLessThan(5000);
  expect(acknowledged.length).toBeGreaterThan(20);

  // Every acknowledged read has exactly one event, and that event is sealed: once.
  const rows = await owner<{ request_id: string; n: number; sealed: number }>(
    `SELECT e.request_id, count(*)::int AS n, count(l.seq)::int AS sealed FROM access_event e LEFT JOIN audit_leaf l ON l.seq = e.seq
      WHERE e.action = 'CONTENT_READ' AND e.outcome = 'ALLOWED' AND e.request_id = ANY($1::text[]) GROUP BY e.request_id`,
    [acknowledged],
  );
  expect(rows).toHaveLength(acknowledged.length);
  expect(rows.filter((r) => r.n !== 1 || r.sealed !== 1)).toEqual([]);
  const counts = await owner<{ events: number; leaves: number; seqs: number }>(
    "SELECT (SELECT count(*)::int FROM access_event) AS events, (SELECT count(*)::int FROM audit_leaf) AS leaves, (SELECT count(DISTINCT seq)::int FROM audit_leaf) AS seqs",
  );
  expect(counts[0]!.leaves).toBe(counts[0]!.events);
  expect(counts[0]!.seqs).toBe(counts[0]!.events);
});

test("the leader frozen with SIGSTOP keeps the lock only until its quiet session times out; woken, it stands by", async () => {
  const survivor = nodes.find((n) => n.child.exitCode === null && n.child.signalCode === null)!;
  const fresh = await startNode("C");
  await expect.poll(() => leaders([survivor, fresh]), { timeout: 10_000 }).toEqual([survivor.name]);
  survivor.child.kill("SIGSTOP");
  const stoppedAt = Date.now();
  const reviewer = world.clients[1]!;
  expect((await read(fresh, reviewer)).status).toBe(200);
  // Frozen, not dead: PostgreSQL still sees the session, so the lock is still held.
  await new Promise((r) => setTimeout(r, 1000));
  expect(await lockHolders()).toBe(1);
  expect(await leaderGauge(fresh)).toBe(0);
  await expect.poll(() => leaderGauge(fresh), { timeout: (SESSION_TIMEOUT_SECONDS + 5) * 1000, intervals: [100] }).toBe(1);
  const takeoverMs = Date.now() - stoppedAt;
  await expect.poll(unsealed, { timeout: 5000 }).toBe(0);
  console.log(`two nodes: sealer takeover after SIGSTOP in ${takeoverMs} ms (session timeout ${SESSION_TIMEOUT_SECONDS} s)`);
  expect(takeoverMs).toBeGreaterThanOrEqual(SESSION_TIMEOUT_SECONDS * 1000 - 200);

  survivor.child.kill("SIGCONT");
  // Woken, it finds its sealer connection ended and becomes a standby; it still serves reads.
  await expect.poll(() => leaderGauge(survivor), { timeout: 10_000 }).toBe(0);
  expect(await leaders([survivor, fresh])).toEqual([fresh.name]);
  expect(await lockHolders()).toBe(1);
  expect((await read(survivor, reviewer)).status).toBe(200);
  await expect.poll(unsealed, { timeout: 5000 }).toBe(0);
});

test("the log both nodes wrote verifies: one tree, no fork, no gap", async () => {
  const verified = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/audit-verify.ts", "--database"], {
    encoding: "utf8",
    env: { ...process.env, ...world.env, MIGRATION_DATABASE_URL: world.ownerUrl, DATABASE_URL: world.ownerUrl },
    timeout: 120_000,
  });
  expect(verified.status, `${verified.stdout}\n${verified.stderr}`).toBe(0);
  const events = await owner<{ n: number }>("SELECT count(*)::int AS n FROM access_event");
  // The verification itself is logged (AUDIT_VERIFIED) as it ends; the leader seals that event within its interval.
  await expect.poll(unsealed, { timeout: 5000 }).toBe(0);
  expect(events[0]!.n).toBeGreaterThan(20);
});
