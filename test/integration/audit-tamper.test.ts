import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ExportPlan, planExport } from "@/lib/audit/export/export-plan";
import { exportStream } from "@/lib/audit/export/export-stream";
import { MerkleFrontier } from "@/lib/log/merkle/merkle-frontier";
import { type VerifyResult, verifyExport } from "@/lib/log/verify/offline-verify";
import { sealPendingEvents } from "@/lib/log/sealer/seal-pending-events";
import { formatCheckpoint, signNote } from "@/lib/log/checkpoints/signed-note";
import { verifyDatabaseLog } from "@/lib/log/verify/verify-database";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";

// Tampering by a database superuser who bypasses the append-only triggers (ALTER TABLE …
// DISABLE TRIGGER; replica mode would not get past ENABLE ALWAYS), each caught by both
// verifiers — the live database against the checkpoint directory, and an export file checked
// offline — naming the same first bad sequence number. The log: 40 events, seqs 1–40 at leaves
// 0–39, sealed ten at a time, so checkpoints exist at sizes 10, 20, 30 and 40.

const dbs: LogDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});
afterAll(() => dropTemplate());

async function sealedLog(): Promise<LogDb> {
  const d = await freshLogDb();
  dbs.push(d);
  await appendEvents(d, 40);
  await sealBatches(d, 10);
  return d;
}

async function sealBatches(d: LogDb, size: number) {
  const c = await d.app.connect();
  try {
    while ((await sealPendingEvents(c, { signer: d.signer, origin: TEST_ORIGIN, directory: d.directory }, { maxEvents: size })).sealed > 0);
  } finally {
    c.release();
  }
}

/** Runs SQL as the superuser with the named table's append-only triggers switched off. */
async function asAttacker(d: LogDb, table: string, sql: string, params: unknown[] = []) {
  const c = await d.owner.connect();
  try {
    await c.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await c.query(sql, params);
  } finally {
    c.release();
  }
}

async function exportLines(d: LogDb): Promise<string[]> {
  const plan: ExportPlan = await planExport(d.app, d.directory, { format: "jsonl", conditions: [] });
  const stream = exportStream({ db: d.app, plan, exportId: "00000000-0000-4000-8000-000000000000", origin: TEST_ORIGIN, exportedAt: new Date().toISOString(), signer: d.signer });
  return (await new Response(stream).text()).split("\n");
}

const LIMITS = { maxSealDelayMs: 5 * 60_000, maxUnsealedAgeMs: 5 * 60_000 };

async function bothVerifiers(d: LogDb): Promise<[VerifyResult, VerifyResult]> {
  const live = await verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN, ...LIMITS });
  const file = await verifyExport(await exportLines(d), {
    verifierKey: d.signer.verifierKey,
    unsealed: { maxAgeMs: LIMITS.maxUnsealedAgeMs, asOf: new Date() },
    maxSealDelayMs: LIMITS.maxSealDelayMs,
  });
  return [live, file];
}

function expectCaught(results: VerifyResult[], kind: string, firstBadSeq: string | null, firstBadLeafIndex?: number) {
  for (const r of results) {
    expect(r, JSON.stringify(r)).toMatchObject({ ok: false, kind, firstBadSeq });
    if (firstBadLeafIndex !== undefined) expect(r).toMatchObject({ firstBadLeafIndex });
  }
}

/** Re-signs the log's history from `fromLeaf` on with the real key, as an attacker holding it would. */
async function resignFrom(d: LogDb, fromLeaf: number) {
  const leaves = await d.owner.query<{ leaf_hash: Buffer }>("SELECT l.leaf_hash FROM audit_leaf l ORDER BY l.leaf_index");
  const frontier = new MerkleFrontier();
  for (const [i, row] of leaves.rows.entries()) {
    frontier.append(row.leaf_hash);
    if ((i + 1) % 10 !== 0 || i + 1 <= fromLeaf) continue;
    const note = signNote(formatCheckpoint({ origin: TEST_ORIGIN, size: i + 1, rootHash: frontier.root() }), { name: d.signer.keyName, privateKey: d.signer.privateKey });
    await asAttacker(d, "audit_checkpoint", "UPDATE audit_checkpoint SET root_hash = $2, note = $3 WHERE tree_size = $1", [i + 1, frontier.root(), note]);
  }
}

describe("an intact log", () => {
  it("verifies in both modes", async () => {
    const d = await sealedLog();
    for (const r of await bothVerifiers(d)) expect(r).toMatchObject({ ok: true, events: 40, sealedEvents: 40, verifiedSize: 40 });
  });
});

describe("tampering detected by both verifiers, naming the first bad sequence number", () => {
  it("an edited field", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "UPDATE access_event SET justification = 'nothing to see here' WHERE seq = 17");
    expectCaught(await bothVerifiers(d), "leaf-hash-mismatch", "17", 16);
  });

  it("an edited field whose stored leaf hash was rewritten to match", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "UPDATE access_event SET purpose = 'APPEAL' WHERE seq = 17");
    const { canonicalEventText } = await import("@/lib/log/events/event-leaf");
    const { eventOfRow, EVENT_COLUMNS } = await import("@/lib/log/events/event-rows");
    const { leafHashOfText } = await import("@/lib/log/merkle/merkle-hash");
    const row = await d.owner.query(`SELECT ${EVENT_COLUMNS} FROM access_event e WHERE e.seq = 17`);
    await asAttacker(d, "audit_leaf", "UPDATE audit_leaf SET leaf_hash = $1 WHERE seq = 17", [leafHashOfText(canonicalEventText(eventOfRow(row.rows[0])))]);
    // The signed root of size 20 no longer matches: the range after the last good checkpoint is named.
    expectCaught(await bothVerifiers(d), "root-mismatch", "11", 10);
  });

  it("a deleted event", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "DELETE FROM access_event WHERE seq = 23");
    expectCaught(await bothVerifiers(d), "missing-events", "23", 22);
  });

  it("an inserted forged event, backdated a day, once sealed", async () => {
    const d = await sealedLog();
    await d.owner.query(
      `INSERT INTO access_event (occurred_at, actor_email, action, outcome, actor_roles, account_ids, message_ids, justification)
       VALUES (now() - interval '1 day', 'lead@custody.test', 'GRANT_APPROVED', 'ALLOWED', '{LEAD}', '{}', '{}', 'approved at the time, honest')`,
    );
    await sealBatches(d, 10);
    expectCaught(await bothVerifiers(d), "sealed-late", "41", 40);
  });

  it("an inserted forged event, backdated a day, not sealed", async () => {
    const d = await sealedLog();
    await d.owner.query(
      `INSERT INTO access_event (occurred_at, action, outcome, actor_roles, account_ids, message_ids) VALUES (now() - interval '1 day', 'CASE_DECIDED', 'ALLOWED', '{}', '{}', '{}')`,
    );
    expectCaught(await bothVerifiers(d), "unsealed-too-long", "41");
  });

  it("an event's time moved later is named itself, not the next event as sealed late", async () => {
    const d = await sealedLog();
    // Seq 15 now claims to be an hour later, so seq 16 looks backdated next to it; but it is 15
    // that no longer matches what was sealed, and the verifier must say so.
    await asAttacker(d, "access_event", "UPDATE access_event SET occurred_at = occurred_at + interval '1 hour' WHERE seq = 15");
    expectCaught(await bothVerifiers(d), "leaf-hash-mismatch", "15", 14);
  });

  it("an event's time moved later with its leaf hash rewritten: the root mismatch comes before the time order", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "UPDATE access_event SET occurred_at = occurred_at + interval '1 hour' WHERE seq = 15");
    const { canonicalEventText } = await import("@/lib/log/events/event-leaf");
    const { eventOfRow, EVENT_COLUMNS } = await import("@/lib/log/events/event-rows");
    const { leafHashOfText } = await import("@/lib/log/merkle/merkle-hash");
    const row = await d.owner.query(`SELECT ${EVENT_COLUMNS} FROM access_event e WHERE e.seq = 15`);
    await asAttacker(d, "audit_leaf", "UPDATE audit_leaf SET leaf_hash = $1 WHERE seq = 15", [leafHashOfText(canonicalEventText(eventOfRow(row.rows[0])))]);
    expectCaught(await bothVerifiers(d), "root-mismatch", "11", 10);
  });

  it("two events swapped", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "UPDATE access_event SET seq = -12 WHERE seq = 12");
    await asAttacker(d, "access_event", "UPDATE access_event SET seq = 12 WHERE seq = 13");
    await asAttacker(d, "access_event", "UPDATE access_event SET seq = 13 WHERE seq = -12");
    expectCaught(await bothVerifiers(d), "leaf-hash-mismatch", "12", 11);
  });

  it("the tail truncated", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "DELETE FROM access_event WHERE seq > 35");
    expectCaught(await bothVerifiers(d), "missing-events", "36", 35);
  });

  it("the tail truncated with its leaves, checkpoints and sealer state (the directory remembers)", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "DELETE FROM access_event WHERE seq > 30");
    await asAttacker(d, "audit_leaf", "DELETE FROM audit_leaf WHERE leaf_index >= 30");
    await asAttacker(d, "audit_subtree", "DELETE FROM audit_subtree WHERE (idx + 1) * (1 << level) > 30");
    await asAttacker(d, "audit_checkpoint", "DELETE FROM audit_checkpoint WHERE tree_size > 30");
    // The deleted rows' seqs are gone from the database; the first missing leaf is what is known.
    expectCaught(await bothVerifiers(d), "missing-events", null, 30);
  });

  it("a checkpoint replaced by one signed with another key", async () => {
    const d = await sealedLog();
    const { privateKey } = generateKeyPairSync("ed25519");
    const row = await d.owner.query<{ root_hash: Buffer }>("SELECT root_hash FROM audit_checkpoint WHERE tree_size = 30");
    const forged = signNote(formatCheckpoint({ origin: TEST_ORIGIN, size: 30, rootHash: row.rows[0]!.root_hash }), { name: d.signer.keyName, privateKey });
    await asAttacker(d, "audit_checkpoint", "UPDATE audit_checkpoint SET note = $1 WHERE tree_size = 30", [forged]);
    // Leaves 20–29 are the ones that checkpoint vouched for: the first of them is named.
    expectCaught(await bothVerifiers(d), "checkpoint-signature", "21", 20);
  });

  it("a fork: history rewritten and re-signed with the real key, two checkpoints of one size with different roots", async () => {
    const d = await sealedLog();
    await asAttacker(d, "access_event", "UPDATE access_event SET actor_email = 'someone.else@custody.test' WHERE seq = 25");
    const { canonicalEventText } = await import("@/lib/log/events/event-leaf");
    const { eventOfRow, EVENT_COLUMNS } = await import("@/lib/log/events/event-rows");
    const { leafHashOfText } = await import("@/lib/log/merkle/merkle-hash");
    const row = await d.owner.query(`SELECT ${EVENT_COLUMNS} FROM access_event e WHERE e.seq = 25`);
    await asAttacker(d, "audit_leaf", "UPDATE audit_leaf SET leaf_hash = $1 WHERE seq = 25", [leafHashOfText(canonicalEventText(eventOfRow(row.rows[0])))]);
    await resignFrom(d, 24);
    expectCaught(await bothVerifiers(d), "fork", "21", 20);
  });
});

/**
 * The cover-up: the tail after leaf 30 cut from every log table, and the newer checkpoint files
 * removed, `latest` pointed back at size 30. With `state`, the sealer state is rewound too.
 */
async function coverUp(d: LogDb, opts: { state: boolean }) {
  await asAttacker(d, "access_event", "DELETE FROM access_event WHERE seq > 30");
  await asAttacker(d, "audit_leaf", "DELETE FROM audit_leaf WHERE leaf_index >= 30");
  await asAttacker(d, "audit_subtree", "DELETE FROM audit_subtree WHERE (idx + 1) * (1 << level) > 30");
  await asAttacker(d, "audit_checkpoint", "DELETE FROM audit_checkpoint WHERE tree_size > 30");
  if (opts.state) {
    const leaves = await d.owner.query<{ leaf_hash: Buffer }>("SELECT l.leaf_hash FROM audit_leaf l ORDER BY l.leaf_index");
    const frontier = new MerkleFrontier();
    for (const row of leaves.rows) frontier.append(row.leaf_hash);
    await asAttacker(d, "audit_sealer_state", "UPDATE audit_sealer_state SET tree_size = 30, floor_seq = 30, frontier = $1::bytea[]", [frontier.hashes.map((h) => Buffer.from(h))]);
  }
  await rm(d.directory.fileFor(40));
  await writeFile(path.join(d.config.checkpointDir, "latest"), (await d.directory.read(30))!);
}

const live = (d: LogDb, trustedCheckpoint?: string) => verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN, trustedCheckpoint, ...LIMITS });

describe("the checkpoint store and checkpoints kept elsewhere", () => {
  it("a lost store: the database cannot vouch for itself", async () => {
    const d = await sealedLog();
    await rm(d.config.checkpointDir, { recursive: true });
    const r = await live(d);
    expect(r).toMatchObject({ ok: false, kind: "checkpoint-store", firstBadSeq: "1", firstBadLeafIndex: 0, checkpointsInDirectory: 0 });
    expect(r.ok ? "" : r.problem).toMatch(/size 40\); it holds no checkpoint\. Leaves 0–39 are vouched for only by the database itself/);
  });

  it("a store that fell behind the database: the leaves past its latest checkpoint are named", async () => {
    const d = await sealedLog();
    await rm(d.directory.fileFor(40));
    await writeFile(path.join(d.config.checkpointDir, "latest"), (await d.directory.read(30))!);
    const r = await live(d);
    expect(r).toMatchObject({ ok: false, kind: "checkpoint-store", firstBadSeq: "31", firstBadLeafIndex: 30 });
    expect(r.ok ? "" : r.problem).toMatch(/it holds 3 checkpoint\(s\), the largest of size 30\. Leaves 30–39 are vouched for only by the database itself/);
  });

  it("the tail cut from the database and the store alike is caught by the sealer state", async () => {
    const d = await sealedLog();
    await coverUp(d, { state: false });
    const r = await live(d);
    expect(r).toMatchObject({ ok: false, kind: "missing-events", firstBadSeq: null, firstBadLeafIndex: 30 });
    expect(r.ok ? "" : r.problem).toBe("the sealer state records a tree of 40 leaves but audit_leaf holds 30: leaves 30–39 were removed");
  });

  it("a cover-up that rewinds the sealer state too is caught only by a checkpoint kept elsewhere", async () => {
    const d = await sealedLog();
    const kept = (await d.directory.latest())!.note;
    await coverUp(d, { state: true });
    // Database and store agree with each other: nothing left inside them contradicts the cut.
    expect(await live(d)).toMatchObject({ ok: true, verifiedSize: 30 });
    const caught = await live(d, kept);
    expect(caught).toMatchObject({ ok: false, kind: "missing-events", firstBadLeafIndex: 30 });
    expect(caught.ok || caught.problem).toMatch(/the trusted checkpoint covers 40 leaves but the log holds 30/);
  });

  it("a trusted checkpoint the log has grown past verifies; one with another root at its size is a fork", async () => {
    const d = await sealedLog();
    expect(await live(d, (await d.directory.read(20))!)).toMatchObject({ ok: true, verifiedSize: 40 });
    const forged = signNote(formatCheckpoint({ origin: TEST_ORIGIN, size: 20, rootHash: Buffer.alloc(32, 7) }), { name: d.signer.keyName, privateKey: d.signer.privateKey });
    expect(await live(d, forged)).toMatchObject({ ok: false, kind: "fork", firstBadLeafIndex: 10 });
  });
});

describe("npm run audit:verify", () => {
  it("exits 0 on an intact export, 1 naming the first bad seq on a tampered export and database", async () => {
    const d = await sealedLog();
    const dir = d.config.checkpointDir;
    const keyFile = path.join(dir, "..", `${d.name}.pub`);
    // The key file may list an earlier (rotated-out) key beside the current one.
    const { verifierKeyString } = await import("@/lib/log/checkpoints/signed-note");
    const retired = verifierKeyString(TEST_ORIGIN, generateKeyPairSync("ed25519").publicKey);
    await writeFile(keyFile, `${retired}\n${d.signer.verifierKey}\n`);
    const env = { ...process.env, DATABASE_URL: d.ownerUrl, MIGRATION_DATABASE_URL: d.ownerUrl, CUSTODY_CHECKPOINT_DIR: dir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN };
    const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-verify.ts", ...args], { env, encoding: "utf8" });

    const intact = path.join(dir, "..", `${d.name}-intact.jsonl`);
    await writeFile(intact, (await exportLines(d)).join("\n"));
    const ok = cli("--export", intact, "--public-key", keyFile);
    expect(ok.stdout + ok.stderr).toMatch(/^OK: /m);
    expect(ok.status).toBe(0);

    await asAttacker(d, "access_event", "UPDATE access_event SET outcome = 'DENIED' WHERE seq = 9");
    const tampered = path.join(dir, "..", `${d.name}-tampered.jsonl`);
    await writeFile(tampered, (await exportLines(d)).join("\n"));
    const bad = cli("--export", tampered, "--public-key", keyFile, "--trusted-checkpoint", path.join(dir, "latest"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/FAILED at seq 9 \(leaf 8\): leaf-hash-mismatch/);

    const live = cli("--database", "--public-key", keyFile);
    expect(live.status).toBe(1);
    expect(live.stderr).toMatch(/first bad sequence number: 9/);
    const logged = await d.owner.query<{ outcome: string; details: { firstBadSeq: string } }>("SELECT outcome::text, details FROM access_event WHERE action = 'AUDIT_VERIFIED'");
    expect(logged.rows).toEqual([{ outcome: "FAILED", details: expect.objectContaining({ firstBadSeq: "9" }) }]);
  }, 60_000);

  it("--database fails on a lost store, and with --trusted-checkpoint on a cover-up it would otherwise pass", async () => {
    const d = await sealedLog();
    const dir = d.config.checkpointDir;
    const kept = path.join(dir, "..", `${d.name}-kept.checkpoint`);
    await writeFile(kept, await readFile(path.join(dir, "latest"), "utf8"));
    const env = { ...process.env, DATABASE_URL: d.ownerUrl, MIGRATION_DATABASE_URL: d.ownerUrl, CUSTODY_CHECKPOINT_DIR: dir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN };
    const cli = (...args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-verify.ts", "--database", ...args], { env, encoding: "utf8" });

    await coverUp(d, { state: true });
    const fooled = cli();
    expect(fooled.stdout).toMatch(/^OK: /m);
    expect(fooled.status).toBe(0);
    const caught = cli("--trusted-checkpoint", kept);
    expect(caught.stderr).toMatch(/FAILED at leaf 30: missing-events: the trusted checkpoint covers 40 leaves but the log holds 30/);
    expect(caught.status).toBe(1);

    await rm(dir, { recursive: true });
    const lost = cli();
    expect(lost.stderr).toMatch(/FAILED at seq 1 \(leaf 0\): checkpoint-store: the checkpoint store does not hold the database's latest checkpoint \(size 30\)/);
    expect(lost.status).toBe(1);
  }, 60_000);

  it("prints its verdict, naming the seq, even when it cannot log its own AUDIT_VERIFIED event (exit 3 or 4)", async () => {
    const d = await sealedLog();
    const env = { ...process.env, DATABASE_URL: d.ownerUrl, MIGRATION_DATABASE_URL: d.ownerUrl, CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN };
    const cli = () => spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/audit-verify.ts", "--database"], { env, encoding: "utf8" });
    // A read-only database (a hot standby, say) can be verified but not written to.
    const readOnly = async (on: boolean) => {
      const c = await d.owner.connect();
      try {
        await c.query("SET default_transaction_read_only = off");
        await c.query(`ALTER DATABASE "${d.name}" SET default_transaction_read_only = ${on ? "on" : "off"}`);
      } finally {
        c.release(true);
      }
    };
    await readOnly(true);

    const intact = cli();
    expect(intact.stdout).toMatch(/^OK: the database log is intact/m);
    expect(intact.stderr).toMatch(/could not record this verification as an AUDIT_VERIFIED event: .*read-only/);
    expect(intact.status).toBe(3);

    await readOnly(false);
    await asAttacker(d, "access_event", "UPDATE access_event SET outcome = 'DENIED' WHERE seq = 9");
    await readOnly(true);
    const tampered = cli();
    expect(tampered.stderr).toMatch(/FAILED at seq 9 \(leaf 8\): leaf-hash-mismatch/);
    expect(tampered.stderr).toMatch(/could not record this verification/);
    expect(tampered.stderr.indexOf("FAILED at seq 9")).toBeLessThan(tampered.stderr.indexOf("could not record"));
    expect(tampered.status).toBe(4);
    const logged = await d.owner.query("SELECT 1 FROM access_event WHERE action = 'AUDIT_VERIFIED'");
    expect(logged.rowCount).toBe(0);
  }, 60_000);
});

describe("verifyDatabaseLog on an intact log with unsealed events", () => {
  it("reports progress that only grows, against the total of sealed and unsealed events, ending at the total", async () => {
    const d = await sealedLog();
    await appendEvents(d, 3);
    const calls: [number, number][] = [];
    const r = await verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN, ...LIMITS, onProgress: (done, total) => calls.push([done, total]) });
    expect(r).toMatchObject({ ok: true, events: 43, sealedEvents: 40, unsealedEvents: 3, leaves: 40 });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls[0]![0]).toBeLessThan(43);
    for (const [i, [done, total]] of calls.entries()) {
      expect(total, `call ${i}`).toBe(43);
      expect(done, `call ${i}`).toBeGreaterThanOrEqual(calls[i - 1]?.[0] ?? 0);
    }
    expect(calls.at(-1)).toEqual([43, 43]);
  });

  it("judges the unsealed events' age by the limit it is given", async () => {
    const d = await sealedLog();
    await appendEvents(d, 3);
    const r = await verifyDatabaseLog(d.owner, { directory: d.directory, verifierKey: d.signer.verifierKey, origin: TEST_ORIGIN, maxUnsealedAgeMs: 1 });
    expect(r).toMatchObject({ ok: false, kind: "unsealed-too-long" });
  });
});
