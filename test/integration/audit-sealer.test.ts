import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import { openCheckpoint } from "@/lib/log/checkpoints/signed-note";
import { Sealer } from "@/lib/log/sealer/sealer";
import { sealPendingEvents } from "@/lib/log/sealer/seal-pending-events";
import { verifyDatabaseLog } from "@/lib/log/verify/verify-database";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// The sealer from the attacker's and the operator's side: events are sealed in order into one
// tree with a signed checkpoint per seal, in the database and in the directory; an event that
// commits after a higher seq is not skipped; two sealers never fork the tree; and a sealer
// that dies mid-batch leaves nothing half-done, so the next one resumes without loss or
// duplication.

const dbs: LogDb[] = [];
async function db(): Promise<LogDb> {
  const d = await freshLogDb();
  dbs.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});
afterAll(() => dropTemplate());

function sealer(d: LogDb, extra: Partial<ConstructorParameters<typeof Sealer>[0]> = {}) {
  return new Sealer({ connectionString: d.appUrl, config: d.config, log: () => {}, ...extra });
}

/** The tree as stored: leaves in order, and the seqs they hold. */
async function leaves(d: LogDb) {
  const r = await d.owner.query<{ leaf_index: string; seq: string }>("SELECT l.leaf_index::text, l.seq::text FROM audit_leaf l ORDER BY l.leaf_index");
  return r.rows;
}

async function expectIntact(d: LogDb, events: number) {
  const result = await verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN });
  expect(result).toMatchObject({ ok: true, events, sealedEvents: events, unsealedEvents: 0, verifiedSize: events });
  const rows = await leaves(d);
  expect(rows.map((r) => Number(r.leaf_index))).toEqual(Array.from({ length: events }, (_, i) => i));
  expect(new Set(rows.map((r) => r.seq)).size).toBe(events);
}

describe("sealing", () => {
  it("seals committed events in seq order, a signed checkpoint per seal in the database and the directory", async () => {
    const d = await db();
    const seqs = await appendEvents(d, 300);
    const s = sealer(d);
    expect(await s.sealAll()).toBe(300);
    expect((await leaves(d)).map((r) => r.seq)).toEqual(seqs);

    // 256 + 44: two seals, two checkpoints, each signed by the log's key for its origin.
    const cps = await d.owner.query<{ tree_size: string; note: string }>("SELECT c.tree_size::text, c.note FROM audit_checkpoint c ORDER BY c.tree_size");
    expect(cps.rows.map((r) => r.tree_size)).toEqual(["256", "300"]);
    for (const row of cps.rows) {
      expect(openCheckpoint(row.note, d.signer.verifierKey, TEST_ORIGIN).size).toBe(Number(row.tree_size));
      expect(await d.directory.read(Number(row.tree_size))).toBe(row.note);
    }
    expect((await d.directory.latest())?.size).toBe(300);
    await expectIntact(d, 300);
  });

  it("caches each completed perfect subtree of 16 leaves and up, and keeps the frontier in the state row", async () => {
    const d = await db();
    await appendEvents(d, 100);
    await sealer(d).sealAll();
    const sub = await d.owner.query<{ level: number; n: string }>("SELECT level, count(*)::text AS n FROM audit_subtree GROUP BY level ORDER BY level");
    expect(sub.rows.map((r) => [r.level, Number(r.n)])).toEqual([
      [4, 6],
      [5, 3],
      [6, 1],
    ]);
    const state = await d.owner.query<{ tree_size: string; frontier: Buffer[] }>("SELECT tree_size::text, frontier FROM audit_sealer_state");
    expect(state.rows[0]!.tree_size).toBe("100");
    expect(state.rows[0]!.frontier).toHaveLength(3); // 100 = 64 + 32 + 4
  });

  it("seals an event that commits after a higher seq was sealed, instead of skipping it", async () => {
    const d = await db();
    await appendEvents(d, 3);
    const slow = await d.app.connect();
    try {
      await slow.query("BEGIN");
      const held = await slow.query<{ seq: string }>(
        "INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids) VALUES ('CONTENT_READ', 'ALLOWED', '{}', '{}', '{}') RETURNING seq::text",
      );
      const later = await appendEvents(d, 2); // committed, with higher seqs than the held one
      const s = sealer(d);
      expect(await s.sealAll()).toBe(5);
      expect((await leaves(d)).map((r) => r.seq)).not.toContain(held.rows[0]!.seq);
      await slow.query("COMMIT");
      // The next seal looks for the gap again and gives the late event the next leaf.
      expect(await s.sealAll()).toBe(1);
      const all = await leaves(d);
      expect(all.at(-1)).toEqual({ leaf_index: "5", seq: held.rows[0]!.seq });
      expect(all.slice(3, 5).map((r) => r.seq)).toEqual(later);
      await expectIntact(d, 6);
    } finally {
      slow.release();
    }
  });

  it("moves past a seq whose transaction rolled back", async () => {
    const d = await db();
    const c = await d.app.connect();
    await c.query("BEGIN");
    await c.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids) VALUES ('SIGN_IN', 'ALLOWED', '{}', '{}', '{}')");
    await c.query("ROLLBACK");
    c.release();
    await appendEvents(d, 4);
    expect(await sealer(d).sealAll()).toBe(4);
    const state = await d.owner.query<{ floor_seq: string }>("SELECT floor_seq::text FROM audit_sealer_state");
    expect(state.rows[0]!.floor_seq).toBe("5");
    await expectIntact(d, 4);
  });

  it("a newly elected sealer sweeps below the floor and seals an event whose gap was given up on", async () => {
    const d = await db();
    const c = await d.app.connect();
    await c.query("BEGIN");
    await c.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids) VALUES ('SIGN_IN', 'ALLOWED', '{}', '{}', '{}')");
    await c.query("ROLLBACK"); // burns seq 1
    c.release();
    await appendEvents(d, 4);
    await sealer(d).sealAll(); // floor 5; the sealer that watched gap 1 is gone
    // A committed event turns up in the gap (as a transaction that outlived the watch would).
    await d.owner.query(
      "INSERT INTO access_event (seq, occurred_at, action, outcome, actor_roles, account_ids, message_ids) VALUES (1, now(), 'SIGN_IN', 'ALLOWED', '{}', '{}', '{}')",
    );
    expect(await sealer(d).sealAll()).toBe(1);
    expect((await leaves(d)).at(-1)).toEqual({ leaf_index: "4", seq: "1" });
    await expectIntact(d, 5);
  });
});

describe("one sealer at a time", () => {
  it("two sealers started at once: one seals, the other stands by, and the tree never forks", async () => {
    const d = await db();
    const a = sealer(d, { intervalMs: 20, standbyRetryMs: 50 }).start();
    const b = sealer(d, { intervalMs: 20, standbyRetryMs: 50 }).start();
    for (let i = 0; i < 10; i++) await appendEvents(d, 37);
    await expect.poll(async () => (await leaves(d)).length, { timeout: 10_000 }).toBe(370);
    await Promise.all([a.stop(), b.stop()]);
    expect([a.stats.sealed, b.stats.sealed].sort((x, y) => x - y)).toEqual([0, 370]);
    await expectIntact(d, 370);
  });

  it("even seals run concurrently past the lock (two connections) serialise on the state row and never fork", async () => {
    const d = await db();
    await appendEvents(d, 500);
    const clients = await Promise.all([d.app.connect(), d.app.connect()]);
    const ctx = { signer: d.signer, origin: TEST_ORIGIN, directory: d.directory };
    try {
      const results = await Promise.all(clients.map((c) => sealPendingEvents(c, ctx, { maxEvents: 50 })));
      for (let round = 0; round < 6; round++) await Promise.all(clients.map((c) => sealPendingEvents(c, ctx, { maxEvents: 50 })));
      expect(results.map((r) => r.treeSize).sort((x, y) => x - y)).toEqual([50, 100]);
    } finally {
      clients.forEach((c) => c.release());
    }
    await expectIntact(d, 500);
  });
});

describe("a sealer killed mid-batch", () => {
  it("loses and duplicates nothing when its connection dies with the batch written but not committed", async () => {
    const d = await db();
    await appendEvents(d, 600);
    let batches = 0;
    const doomed = sealer(d, {
      beforeCommit: async () => {
        // During the second batch the sealer's server process is killed: leaves, subtrees,
        // checkpoint and state are written, COMMIT never comes.
        if (++batches !== 2) return;
        await d.owner.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'custody-sealer'", [d.name]);
      },
    });
    await expect(doomed.sealAll()).rejects.toThrow(/terminat|Connection/i);
    expect((await leaves(d)).length).toBe(256);
    expect(await sealer(d).sealAll()).toBe(344);
    await expectIntact(d, 600);
  });

  it("resumes after SIGKILL of `npm run audit:seal`, and writes the checkpoint files it had committed but not written", async () => {
    const d = await db();
    await appendEvents(d, 20_000);
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-seal.ts"], {
      env: { ...process.env, DATABASE_URL: d.appUrl, CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN },
      stdio: "ignore",
    });
    await expect.poll(async () => (await leaves(d)).length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(2000);
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const sealedBefore = (await leaves(d)).length;
    expect(sealedBefore).toBeLessThan(20_000);

    // As if the kill came between a COMMIT and its file: the newest file is gone.
    const files = (await readdir(d.config.checkpointDir)).filter((f) => f.endsWith(".checkpoint")).sort();
    await rm(path.join(d.config.checkpointDir, files.at(-1)!));
    await writeFile(path.join(d.config.checkpointDir, "latest"), await readFile(path.join(d.config.checkpointDir, files.at(-2)!), "utf8"));

    expect(await sealer(d).sealAll()).toBe(20_000 - sealedBefore);
    const dir = new CheckpointDirectory(d.config.checkpointDir);
    const db2 = await d.owner.query<{ n: string }>("SELECT count(*)::text AS n FROM audit_checkpoint");
    expect((await dir.sizes()).length).toBe(Number(db2.rows[0]!.n));
    await expectIntact(d, 20_000);
  }, 150_000);
});

describe("verifying a log while it is being sealed", () => {
  it("never mistakes a seal landing mid-read for damage, in either verifier", async () => {
    const d = await db();
    await appendEvents(d, 500);
    const s = sealer(d, { intervalMs: 5 }).start();
    let writing = true;
    const writer = (async () => {
      while (writing) await appendEvents(d, 3);
    })();
    try {
      const { planExport } = await import("@/lib/audit/export/export-plan");
      const { exportStream } = await import("@/lib/audit/export/export-stream");
      const { verifyExport } = await import("@/lib/log/verify/offline-verify");
      // At least 8 rounds, and on until more than 8 seals have landed while verifying (a busy
      // machine seals less often per round; the point is that seals do land mid-read).
      for (let round = 0; round < 8 || (s.stats.batches <= 8 && round < 40); round++) {
        const live = await verifyDatabaseLog(d.app, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN });
        expect(live, JSON.stringify(live)).toMatchObject({ ok: true });
        const plan = await planExport(d.app, d.directory, { format: "jsonl", conditions: [] });
        const stream = exportStream({ db: d.app, plan, exportId: "x", origin: TEST_ORIGIN, exportedAt: new Date().toISOString(), signer: d.signer });
        const result = await verifyExport((await new Response(stream).text()).split("\n"), { verifierKey: d.signer.verifierKey });
        expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
      }
    } finally {
      writing = false;
      await writer;
      await s.stop();
    }
    expect(s.stats.batches).toBeGreaterThan(8);
  });

  it("a seal landing between reading the checkpoint directory and the database is not taken for truncation", async () => {
    const d = await db();
    await appendEvents(d, 50);
    await sealer(d).sealAll();
    // A directory that, as it is read, sees a seal happen (as a busy log would, every 250 ms).
    class BusyDirectory extends CheckpointDirectory {
      async sizes() {
        await appendEvents(d, 5);
        await sealer(d).sealAll();
        return super.sizes();
      }
    }
    const busy = new BusyDirectory(d.config.checkpointDir);
    const live = await verifyDatabaseLog(d.app, { directory: busy, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN });
    expect(live, JSON.stringify(live)).toMatchObject({ ok: true, verifiedSize: 55 });
    const { planExport } = await import("@/lib/audit/export/export-plan");
    const { exportStream } = await import("@/lib/audit/export/export-stream");
    const { verifyExport } = await import("@/lib/log/verify/offline-verify");
    const plan = await planExport(d.app, busy, { format: "jsonl", conditions: [] });
    const stream = exportStream({ db: d.app, plan, exportId: "x", origin: TEST_ORIGIN, exportedAt: new Date().toISOString(), signer: d.signer });
    const result = await verifyExport((await new Response(stream).text()).split("\n"), { verifierKey: d.signer.verifierKey });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, verifiedSize: 60 });
  });
});

describe("refusing to sign over damage", () => {
  it("never recreates a lost checkpoint store: stops sealing, raises an alarm, logs and records why, and resumes once it is restored", async () => {
    const d = await db();
    await appendEvents(d, 10);
    await sealer(d).sealAll({ maxBatch: 5 }); // two checkpoints: sizes 5 and 10
    const dir = d.config.checkpointDir;
    const saved = await Promise.all((await readdir(dir)).map(async (name) => ({ name, text: await readFile(path.join(dir, name), "utf8") })));
    // The store is lost (a volume not mounted, a bucket emptied) while the database keeps its history.
    await rm(dir, { recursive: true });
    await appendEvents(d, 5);

    const logs: string[] = [];
    const s = sealer(d, { intervalMs: 20, log: (m) => logs.push(m) }).start();
    try {
      await expect.poll(() => s.stats.alarm?.kind, { timeout: 10_000 }).toBe("checkpoint-store");
      expect(s.stats.alarm!.reason).toMatch(/checkpoint store is missing but the database holds a tree of 10 leaves/);
      expect(s.stats.alarm!.reason).not.toContain(dir);
      expect(existsSync(dir)).toBe(false);
      expect(await leaves(d)).toHaveLength(10);
      expect(logs.filter((m) => m.startsWith("ALARM: "))).toEqual([expect.stringContaining(dir)]);
      // The alarm state is set before its event is written (on a connection of its own): wait for the event.
      const alarmEvents = async () => (await d.owner.query<{ outcome: string; details: Record<string, unknown> }>("SELECT outcome::text, details FROM access_event WHERE action = 'AUDIT_VERIFIED'")).rows;
      await expect.poll(alarmEvents, { timeout: 10_000 }).toEqual([{ outcome: "FAILED", details: expect.objectContaining({ mode: "sealer", ok: false, kind: "checkpoint-store" }) }]);
      // An empty directory in its place is no better.
      await mkdir(`${dir}-empty`);
      await expect(sealer(d, { config: { ...d.config, checkpointDir: `${dir}-empty` } }).sealAll()).rejects.toThrow(/checkpoint store is empty/);

      // The operator restores the store: sealing resumes, and the alarm's own event is sealed too.
      await mkdir(dir);
      for (const f of saved) await writeFile(path.join(dir, f.name), f.text);
      await expect.poll(async () => (await leaves(d)).length, { timeout: 10_000 }).toBe(16);
      await expect.poll(() => s.stats.alarm).toBeNull();
      expect(logs.some((m) => m.startsWith("sealing resumed"))).toBe(true);
    } finally {
      await s.stop();
      await rm(`${dir}-empty`, { recursive: true, force: true });
    }
    await expectIntact(d, 16);
  });

  it("writes the first checkpoint's file when the first seal was killed between its COMMIT and the file", async () => {
    const d = await db();
    await appendEvents(d, 4);
    await sealer(d).sealAll();
    for (const name of await readdir(d.config.checkpointDir)) await rm(path.join(d.config.checkpointDir, name));
    await appendEvents(d, 2);
    expect(await sealer(d).sealAll()).toBe(2);
    expect((await d.directory.sizes())).toEqual([4, 6]);
    await expectIntact(d, 6);
  });

  it("on first start, with no checkpoint in the database, creates the store", async () => {
    const d = await db();
    await rm(d.config.checkpointDir, { recursive: true });
    await appendEvents(d, 3);
    expect(await sealer(d).sealAll()).toBe(3);
    expect((await d.directory.latest())?.size).toBe(3);
    await expectIntact(d, 3);
  });

  it("refuses to seal when the directory holds a different checkpoint of the size it would sign (a fork)", async () => {
    const d = await db();
    await appendEvents(d, 10);
    await sealer(d).sealAll();
    // Another database (or a rewritten one) signed size 20 differently.
    const other = await freshLogDb();
    dbs.push(other);
    await appendEvents(other, 20);
    await sealer(other).sealAll();
    const foreign = await other.directory.read(20);
    await writeFile(d.directory.fileFor(20), foreign!);
    await appendEvents(d, 10);
    await expect(sealer(d).sealAll()).rejects.toThrow(/different checkpoint of size 20/);
    expect((await leaves(d)).length).toBe(10);
  });

  it("refuses to seal a database whose tree is shorter than the checkpoints kept outside it", async () => {
    const d = await db();
    await appendEvents(d, 10);
    await sealer(d).sealAll();
    const blank = await freshLogDb();
    dbs.push(blank);
    await appendEvents(blank, 3);
    await expect(sealer(blank, { config: { ...blank.config, checkpointDir: d.config.checkpointDir } }).sealAll()).rejects.toThrow(/truncated/);
    expect((await leaves(blank)).length).toBe(0);
  });
});
