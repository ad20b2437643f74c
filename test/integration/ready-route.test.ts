import { mkdtempSync } from "node:fs";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kekIdForEnvKey, writeKeyring } from "@/lib/crypto/local-key-provider";
import { disconnectDb } from "@/lib/db";
import { startServerSealer, stopServerSealer } from "@/lib/log/sealer/server-sealer";
import { type Readiness, checkReadiness, readinessDeps } from "@/lib/readiness/check-readiness";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// GET /api/ready from the operator's side, on a log database of its own with the server's
// sealer running in this process: ready when all is well, and 503 naming the check that fails
// when the sealer stops (events wait), the checkpoint store goes, the key file is damaged or
// the database is unreachable — without leaking paths, URLs or keys to whoever asks.

// The key provider reads a keyring file here (not CUSTODY_KEK), so the test can damage it.
const kek = process.env.CUSTODY_KEK!;
const kekId = kekIdForEnvKey(Buffer.from(kek, "base64"));
const keyFile = path.join(mkdtempSync(path.join(tmpdir(), "custody-ready-keys-")), "kek-keyring.json");
delete process.env.CUSTODY_KEK;
process.env.CUSTODY_KEK_FILE = keyFile;

const { GET } = await import("@/app/api/ready/route");

let d: LogDb;
async function ready(): Promise<{ status: number; body: Readiness; text: string }> {
  const res = await GET(new Request("http://localhost/api/ready"));
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Readiness, text };
}
const expectReady = () => expect.poll(async () => (await ready()).status, { timeout: 15_000 }).toBe(200);

beforeAll(async () => {
  await writeKeyring(keyFile, { current: kekId, keys: { [kekId]: kek } });
  d = await freshLogDb();
  Object.assign(process.env, {
    DATABASE_URL: d.appUrl,
    CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir,
    CUSTODY_SIGNING_KEY: d.config.signingKeyEnv,
    CUSTODY_LOG_ORIGIN: TEST_ORIGIN,
    CUSTODY_SEALER: "1",
    CUSTODY_READY_MAX_SEALER_LAG_SECONDS: "2",
  });
  startServerSealer();
  await appendEvents(d, 20);
});

afterAll(async () => {
  await stopServerSealer();
  await disconnectDb();
  await d.drop();
  await dropTemplate();
  await rm(path.dirname(keyFile), { recursive: true, force: true });
});

describe("GET /api/ready", () => {
  it("is 200 when the database, sealer, checkpoint store and key provider are all fine, and leaks nothing", async () => {
    await expectReady();
    const { body, text } = await ready();
    expect(body).toEqual({
      ready: true,
      checks: {
        database: { ok: true },
        sealer: { ok: true, lagSeconds: expect.any(Number), maxLagSeconds: 2, unsealedEvents: expect.any(Number), alarm: null },
        checkpointStore: { ok: true, present: true, writable: true, holdsLatest: true },
        keyProvider: { ok: true },
        // No witnesses configured: nothing to lag behind.
        witnesses: { ok: true, configured: 0, quorum: 0, enforce: false, maxLagSeconds: 300, witnessedSize: null, lagSeconds: null, witnesses: [] },
      },
      degraded: false,
    });
    for (const secret of [d.config.checkpointDir, d.appUrl, new URL(d.appUrl).password, kek, keyFile]) expect(text).not.toContain(secret);
  });

  it("is 503 naming the sealer when events wait longer than the threshold to be sealed", async () => {
    await expectReady();
    await stopServerSealer();
    // Events logged now, as the app logs them; with no sealer their wait grows past 2 s.
    for (let i = 0; i < 3; i++) await d.app.query("INSERT INTO access_event (action, outcome, actor_roles, account_ids, message_ids) VALUES ('SIGN_IN', 'ALLOWED', '{}', '{}', '{}')");
    expect((await ready()).body.checks.sealer.unsealedEvents).toBe(3);
    await expect.poll(async () => (await ready()).body.checks.sealer.ok, { timeout: 15_000 }).toBe(false);
    const { status, body } = await ready();
    expect(status).toBe(503);
    expect(body.ready).toBe(false);
    expect(body.checks.sealer).toMatchObject({ ok: false, unsealedEvents: 3, problem: expect.stringMatching(/is a sealer running/) });
    expect(body.checks.sealer.lagSeconds).toBeGreaterThan(2);
    expect(body.checks).toMatchObject({ database: { ok: true }, checkpointStore: { ok: true }, keyProvider: { ok: true } });
    startServerSealer();
    await expectReady();
  });

  it("is 503 naming the checkpoint store when it is removed, with the sealer's alarm; ready again once restored", async () => {
    await expectReady();
    const dir = d.config.checkpointDir;
    const saved = await Promise.all((await readdir(dir)).map(async (name) => ({ name, text: await readFile(path.join(dir, name), "utf8") })));
    await rm(dir, { recursive: true });
    await expect.poll(async () => (await ready()).body.checks.sealer.alarm?.kind, { timeout: 15_000 }).toBe("checkpoint-store");
    const { status, body, text } = await ready();
    expect(status).toBe(503);
    expect(body.checks.checkpointStore).toEqual({ ok: false, present: false, writable: false, holdsLatest: false, problem: "the checkpoint store is missing" });
    expect(body.checks.sealer).toMatchObject({ ok: false, problem: expect.stringMatching(/checkpoint store is missing/) });
    expect(text).not.toContain(dir);

    // An empty directory in its place: present and writable, but without the log's checkpoints.
    await mkdir(dir);
    const empty = await checkReadiness({ ...readinessDeps(), storeGraceSeconds: 0 });
    expect(empty.checks.checkpointStore).toMatchObject({ ok: false, present: true, writable: true, holdsLatest: false });

    for (const f of saved) await writeFile(path.join(dir, f.name), f.text);
    await expectReady();
    expect((await ready()).body.checks.sealer.alarm).toBeNull();
  });

  it("is 503 naming the key provider when the keyring file is unreadable, and never recreates it", async () => {
    await expectReady();
    const good = await readFile(keyFile, "utf8");
    await writeFile(keyFile, "{ not a keyring");
    let r = await ready();
    expect(r.status).toBe(503);
    expect(r.body.checks.keyProvider).toEqual({ ok: false, problem: "the key-encryption key cannot be loaded or used" });
    expect(r.body.checks.database.ok && r.body.checks.sealer.ok && r.body.checks.checkpointStore.ok).toBe(true);

    await rm(keyFile);
    r = await ready();
    expect(r.body.checks.keyProvider.ok).toBe(false);
    await expect(readFile(keyFile)).rejects.toMatchObject({ code: "ENOENT" });

    await writeFile(keyFile, good);
    await expectReady();
  });

  it("is not ready, promptly, when the database cannot be reached", async () => {
    const closed = new pg.Pool({ connectionString: "postgresql://nobody:secret@127.0.0.1:1/custody", connectionTimeoutMillis: 1000 });
    try {
      const r = await checkReadiness({ ...readinessDeps(), db: closed });
      expect(r.ready).toBe(false);
      expect(r.checks.database).toEqual({ ok: false, problem: "the database cannot be reached" });
      expect(r.checks.sealer).toMatchObject({ ok: false, lagSeconds: null });
      expect(r.checks.checkpointStore.ok).toBe(false);
      expect(JSON.stringify(r)).not.toContain("secret");
    } finally {
      await closed.end();
    }
  });
});
