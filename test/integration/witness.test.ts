import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCheckpoint, signNote, verifierKeyString } from "@/lib/log/checkpoints/signed-note";
import { ed25519KeyFromSeed } from "@/lib/log/checkpoints/signing-key";
import { consistencyProof, leafHash, rootOf } from "@/lib/log/merkle/merkle";
import { formatAddCheckpoint } from "@/lib/log/witness/add-checkpoint";
import { noteCosignatures, parseCosignerKey } from "@/lib/log/witness/cosignature";
import type { WitnessState } from "@/lib/log/witness/witness-store";
import { type WitnessProcess, addCheckpoint, startWitness } from "./witness-process";

// The witness program from the log's and the attacker's side, as a real process over HTTP:
// it cosigns a checkpoint it can prove consistent, answers a stale old size with 409 and its
// own size, refuses a forged log signature (403), an unknown log (404) and a bad proof (422),
// and refuses a fork at the size it cosigned, keeping both signed checkpoints as evidence. Its
// state survives a restart.

const ORIGIN = "test.custody.example/witnessed-log";
const logKey = ed25519KeyFromSeed(Buffer.alloc(32, 3));
const mallory = ed25519KeyFromSeed(Buffer.alloc(32, 4));
const LOG_VKEY = verifierKeyString(ORIGIN, (await import("node:crypto")).createPublicKey(logKey));

const leaves = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const forkedLeaves = leaves.map((h, i) => (i === 2 ? leafHash(Buffer.from("rewritten event 2")) : h));

function checkpointNote(size: number, tree = leaves, key = logKey, origin = ORIGIN): string {
  return signNote(formatCheckpoint({ origin, size, rootHash: rootOf(tree.slice(0, size)) }), { name: origin, privateKey: key });
}
const body = (oldSize: number, size: number, opts: { tree?: typeof leaves; key?: typeof logKey; proof?: Buffer[]; origin?: string } = {}) =>
  formatAddCheckpoint({
    oldSize,
    proof: opts.proof ?? (oldSize === 0 ? [] : consistencyProof(opts.tree ?? leaves, oldSize, size)),
    note: checkpointNote(size, opts.tree, opts.key, opts.origin),
  });

let w: WitnessProcess;
beforeAll(async () => {
  // Port 0: the OS picks a free one, so parallel runs and CI never collide.
  w = await startWitness({ port: 0, logVkeys: [LOG_VKEY], name: "witness.test/w1" });
}, 60_000);
afterAll(async () => {
  await w?.stop();
});

async function state(): Promise<WitnessState> {
  return JSON.parse(await readFile(path.join(w.dir, "witness-state.json"), "utf8")) as WitnessState;
}

describe("the witness program", () => {
  it("cosigns a first checkpoint (old 0) with a cosignature/v1 line that verifies with its vkey", async () => {
    const r = await addCheckpoint(w.url, body(0, 5));
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/^\u2014 witness\.test\/w1 [A-Za-z0-9+/=]+\n$/);
    const note = checkpointNote(5) + r.text;
    const [c] = noteCosignatures(note, [parseCosignerKey(w.vkey)]);
    expect(c?.name).toBe("witness.test/w1");
    expect(Math.abs(c!.timestamp - Date.now() / 1000)).toBeLessThan(60);
    expect((await state()).logs[ORIGIN]).toMatchObject({ size: 5, root: rootOf(leaves.slice(0, 5)).toString("base64") });
  });

  it("cosigns a larger checkpoint with a consistency proof from the size it holds", async () => {
    expect((await addCheckpoint(w.url, body(5, 13))).status).toBe(200);
    expect((await state()).logs[ORIGIN]?.size).toBe(13);
  });

  it("answers a replayed stale checkpoint (old size it no longer holds) with 409 and its size", async () => {
    const r = await addCheckpoint(w.url, body(0, 5));
    expect(r).toMatchObject({ status: 409, type: "text/x.tlog.size", text: "13\n" });
    const rollback = await addCheckpoint(w.url, body(5, 8));
    expect(rollback).toMatchObject({ status: 409, text: "13\n" });
    // Old size beyond the checkpoint is malformed (400), not a conflict.
    expect((await addCheckpoint(w.url, body(13, 8, { proof: [] }))).status).toBe(400);
    expect((await state()).logs[ORIGIN]?.size).toBe(13);
  });

  it("refuses a checkpoint whose log signature is forged (403) and one for a log it does not know (404)", async () => {
    const forged = await addCheckpoint(w.url, body(13, 20, { key: mallory }));
    expect(forged.status).toBe(403);
    // Mallory's signature line under the real name, appended to a real note: still no valid signature by the log key.
    const unknown = await addCheckpoint(w.url, body(0, 3, { origin: "someone.else/log", key: mallory }));
    expect(unknown.status).toBe(404);
    expect((await addCheckpoint(w.url, "old 1\nnot a request")).status).toBe(400);
    expect((await state()).logs[ORIGIN]?.size).toBe(13);
  });

  it("refuses a bad consistency proof with 422 and keeps it as evidence", async () => {
    const proof = consistencyProof(leaves, 13, 20);
    proof[0] = Buffer.alloc(32, 0xee);
    expect((await addCheckpoint(w.url, body(13, 20, { proof }))).status).toBe(422);
    // A history rewritten below the witnessed size has no proof from the cosigned root either.
    expect((await addCheckpoint(w.url, body(13, 20, { tree: forkedLeaves }))).status).toBe(422);
    const s = await state();
    expect(s.logs[ORIGIN]?.size).toBe(13);
    expect(s.forks.filter((f) => f.kind === "inconsistent-proof")).toHaveLength(2);
  });

  it("refuses a fork (same size, another root), reports it loudly and writes both signed checkpoints out", async () => {
    const fork = await addCheckpoint(w.url, body(13, 13, { tree: forkedLeaves, proof: [] }));
    expect(fork).toMatchObject({ status: 409, text: "13\n" });
    const s = await state();
    const evidence = s.forks.find((f) => f.kind === "same-size-different-root");
    expect(evidence?.witnessed.note).toBe(checkpointNote(13));
    expect(evidence?.presented).toBe(checkpointNote(13, forkedLeaves));
    const files = await readdir(path.join(w.dir, "forks"));
    const contents = await Promise.all(files.map((f) => readFile(path.join(w.dir, "forks", f), "utf8")));
    expect(contents.some((c) => c.includes(JSON.stringify(checkpointNote(13, forkedLeaves))))).toBe(true);
    expect(w.output()).toMatch(/FORK DETECTED for test\.custody\.example\/witnessed-log: same-size-different-root at size 13/);
  });

  it("keeps its state across a restart", async () => {
    await w.stop();
    // Back on the address it had, as a restarted service would be.
    w = await startWitness({ port: w.port, logVkeys: [LOG_VKEY], name: "witness.test/w1", dir: w.dir });
    expect(await addCheckpoint(w.url, body(0, 5))).toMatchObject({ status: 409, text: "13\n" });
    expect((await addCheckpoint(w.url, body(13, 40))).status).toBe(200);
  }, 60_000);
});
