import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { latestCheckpoint } from "@/lib/audit/proofs/log-proofs";
import { formatCheckpoint, signNote } from "@/lib/log/checkpoints/signed-note";
import { consistencyProof, leafHash, rootOf } from "@/lib/log/merkle/merkle";
import { Sealer } from "@/lib/log/sealer/sealer";
import { formatAddCheckpoint } from "@/lib/log/witness/add-checkpoint";
import { parseCosignerKey } from "@/lib/log/witness/cosignature";
import { type WitnessEndpoint, witnessedState } from "@/lib/log/witness/witness-client";
import { verifyCosignedCheckpoint } from "@/lib/log/witness/verify-cosigned";
import type { WitnessState } from "@/lib/log/witness/witness-store";
import { checkReadiness, readinessDeps } from "@/lib/readiness/check-readiness";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type LogDb, TEST_ORIGIN, appendEvents, dropTemplate, freshLogDb } from "./audit-log-db";
import { type WitnessProcess, addCheckpoint, startWitness } from "./witness-process";

// The sealer with two real witness processes and quorum 2: each checkpoint is offered to both
// over HTTP with a consistency proof, their cosignatures are stored and served on the latest
// checkpoint's note, and a checkpoint cosigned by one only fails the verifier. A log that forks
// after being witnessed is caught by the witness; a hung witness never stalls sealing, raises
// the witness alarm past the allowed lag (readiness degrades, or fails when enforced), and
// cosigns again once it answers.

const auditor = { id: "auditor-1", email: "a@example.test", roles: ["AUDITOR"] } as unknown as StaffContext;
let d: LogDb;
let a: WitnessProcess;
let b: WitnessProcess;
let witnesses: WitnessEndpoint[];

beforeAll(async () => {
  d = await freshLogDb();
  [a, b] = await Promise.all([
    startWitness({ logVkeys: [d.signer.verifierKey], name: "witness.test/a" }),
    startWitness({ logVkeys: [d.signer.verifierKey], name: "witness.test/b" }),
  ]);
  witnesses = [
    { label: "a", url: a.url, key: parseCosignerKey(a.vkey) },
    { label: "b", url: b.url, key: parseCosignerKey(b.vkey) },
  ];
}, 60_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await d?.drop();
  await dropTemplate();
});

const sealer = (extra: Partial<LogDb["config"]> = {}) =>
  new Sealer({ connectionString: d.appUrl, config: { ...d.config, witnesses, witnessQuorum: 2, witnessTimeoutMs: 500, witnessMaxLagSeconds: 1, ...extra }, log: (m) => process.env.WITNESS_TEST_LOG && console.log(m), intervalMs: 100 });

async function cosignedSizes() {
  const r = await d.owner.query<{ tree_size: string; witness_name: string }>("SELECT tree_size::text, witness_name FROM audit_cosignature ORDER BY tree_size, witness_name");
  return r.rows.map((x) => `${x.tree_size}:${x.witness_name}`);
}

async function until(what: () => Promise<boolean>, ms: number) {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a witnessed log", () => {
  it("has each checkpoint cosigned by both witnesses, stored, and served with the log's signature", async () => {
    await appendEvents(d, 20);
    const s = sealer();
    await s.sealAll();
    await s.witnessNow();
    await appendEvents(d, 10);
    await s.sealAll();
    await s.witnessNow(); // consistency proof 20 → 30
    await s.stop();
    expect(await cosignedSizes()).toEqual(["20:witness.test/a", "20:witness.test/b", "30:witness.test/a", "30:witness.test/b"]);

    const latest = await latestCheckpoint(auditor, d.app);
    expect(latest.treeSize).toBe(30);
    expect(latest.cosignatures?.map((c) => c.witness)).toEqual(["witness.test/a", "witness.test/b"]);
    const verdict = verifyCosignedCheckpoint(latest.note, { logKey: d.signer.verifierKey, witnesses: [a.vkey, b.vkey], quorum: 2, origin: TEST_ORIGIN });
    expect(verdict).toMatchObject({ ok: true, size: 30, missing: [] });
    expect(verdict.signedBy.map((x) => x.name)).toEqual(["witness.test/a", "witness.test/b"]);

    // One cosignature only (b's line dropped): quorum 2 fails, quorum 1 passes.
    const onlyA = latest.note.split("\n").filter((l) => !l.startsWith("\u2014 witness.test/b")).join("\n");
    expect(verifyCosignedCheckpoint(onlyA, { logKey: d.signer.verifierKey, witnesses: [a.vkey, b.vkey], quorum: 2 })).toMatchObject({ ok: false, missing: ["witness.test/b"] });
    expect(verifyCosignedCheckpoint(onlyA, { logKey: d.signer.verifierKey, witnesses: [a.vkey, b.vkey], quorum: 1 }).ok).toBe(true);
    // A cosignature moved onto another checkpoint does not verify.
    const other = latest.note.replace(/^(.*)\n30\n/, "$1\n31\n");
    expect(verifyCosignedCheckpoint(other, { logKey: d.signer.verifierKey, witnesses: [a.vkey], quorum: 1 }).ok).toBe(false);
    expect(await witnessedState(d.app, witnesses.map((w) => w.key), 2)).toEqual({ witnessedSize: 30, lagSeconds: 0 });
  }, 60_000);

  it("a log that forks after being witnessed (same key, rewritten history) is refused and the evidence written", async () => {
    const rows = await d.owner.query<{ leaf_hash: Buffer }>("SELECT leaf_hash FROM audit_leaf ORDER BY leaf_index");
    const forked = rows.rows.map((r, i) => (i === 7 ? leafHash(Buffer.from("rewritten")) : r.leaf_hash));
    forked.push(leafHash(Buffer.from("a 31st event")));
    const sign = (size: number) => signNote(formatCheckpoint({ origin: TEST_ORIGIN, size, rootHash: rootOf(forked.slice(0, size)) }), { name: d.signer.keyName, privateKey: d.signer.privateKey });
    // The split view at the witnessed size: same size, another root.
    expect(await addCheckpoint(a.url, formatAddCheckpoint({ oldSize: 30, proof: [], note: sign(30) }))).toMatchObject({ status: 409, text: "30\n" });
    // Or grown from it with a proof over the rewritten tree, which cannot reach the cosigned root.
    expect((await addCheckpoint(a.url, formatAddCheckpoint({ oldSize: 30, proof: consistencyProof(forked, 30, 31), note: sign(31) }))).status).toBe(422);
    const state = JSON.parse(await readFile(path.join(a.dir, "witness-state.json"), "utf8")) as WitnessState;
    expect(state.logs[TEST_ORIGIN]?.size).toBe(30);
    expect(state.forks.map((f) => f.kind)).toEqual(["same-size-different-root", "inconsistent-proof"]);
    expect(state.forks[0]?.presented).toBe(sign(30));
    expect(a.output()).toMatch(/FORK DETECTED/);
  });

  it("a hung witness never stalls sealing; the alarm is raised past the lag and cleared when it answers", async () => {
    const s = sealer().start();
    try {
      b.child.kill("SIGSTOP"); // accepts connections, answers nothing
      const started = Date.now();
      await appendEvents(d, 15);
      await until(async () => s.stats.treeSize === 45, 5000);
      expect(Date.now() - started).toBeLessThan(3000);
      await until(async () => (await cosignedSizes()).includes("45:witness.test/a"), 5000);
      await until(async () => s.stats.witnesses.find((w) => w.label === "b")?.lastError?.includes("no answer within 500 ms") ?? false, 5000);
      await appendEvents(d, 5);
      await until(async () => s.stats.treeSize === 50, 3000);

      // Past the 1 s lag: the alarm, an event in the log, and readiness degrades (or fails when enforced).
      await until(async () => s.stats.witnessAlarm !== null, 8000);
      const w = { keys: witnesses.map((x) => x.key), quorum: 2, maxLagSeconds: 1, status: () => s.stats.witnesses };
      const warned = await checkReadiness({ ...readinessDeps(), db: d.app, witnesses: { ...w, enforce: false } });
      expect(warned.checks.witnesses).toMatchObject({ ok: true, witnessedSize: 30, configured: 2 });
      expect(warned.checks.witnesses.warning).toMatch(/no checkpoint has reached the witness quorum of 2/);
      expect(warned.degraded).toBe(true);
      const enforced = await checkReadiness({ ...readinessDeps(), db: d.app, witnesses: { ...w, enforce: true } });
      expect(enforced.ready).toBe(false);
      expect(enforced.checks.witnesses.ok).toBe(false);
      const alarms = await d.owner.query<{ outcome: string; details: { state: string; witnessedSize: number } }>(
        "SELECT outcome, details FROM access_event WHERE action = 'WITNESS_LAG_ALARM' ORDER BY seq",
      );
      expect(alarms.rows.map((r) => [r.outcome, r.details.state, r.details.witnessedSize])).toEqual([["FAILED", "raised", 30]]);

      b.child.kill("SIGCONT");
      await until(async () => (await cosignedSizes()).includes(`${s.stats.treeSize}:witness.test/b`), 8000);
      await until(async () => s.stats.witnessAlarm === null, 8000);
      const after = await d.owner.query<{ outcome: string; details: { state: string } }>("SELECT outcome, details FROM access_event WHERE action = 'WITNESS_LAG_ALARM' ORDER BY seq");
      expect(after.rows.map((r) => r.details.state)).toEqual(["raised", "cleared"]);
      const ok = await checkReadiness({ ...readinessDeps(), db: d.app, witnesses: { ...w, enforce: true } });
      expect(ok.checks.witnesses.ok).toBe(true);
    } catch (error) {
      console.error("sealer stats", JSON.stringify(s.stats), await cosignedSizes());
      throw error;
    } finally {
      b.child.kill("SIGCONT");
      await s.stop();
    }
  }, 60_000);
});
