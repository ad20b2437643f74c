import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, signNote, verifierKeyString } from "../checkpoints/signed-note";
import { inclusionProof, leafHash, rootOf } from "../merkle/merkle";
import { cosign, cosignerVerifierKey } from "../witness/cosignature";
import { type AccessStatement, type StatementLine, signStatement, verifyAccessStatement } from "./access-statement";

// The offline check of a "who read my DMs" statement, from the side of someone who edits the
// file: each change a holder or an operator could make must fail, and the untouched statement pass.

const ORIGIN = "custody.test/access-log";
const log = { name: ORIGIN, ...generateKeyPairSync("ed25519") };
const logVkey = verifierKeyString(ORIGIN, log.publicKey);
const impostor = { name: ORIGIN, ...generateKeyPairSync("ed25519") };
const wa = { name: "witness.test/a", ...generateKeyPairSync("ed25519") };
const wb = { name: "witness.test/b", ...generateKeyPairSync("ed25519") };
const wx = { name: "witness.test/x", ...generateKeyPairSync("ed25519") };
const vkA = cosignerVerifierKey(wa.name, wa.publicKey);
const vkB = cosignerVerifierKey(wb.name, wb.publicKey);
const vkX = cosignerVerifierKey(wx.name, wx.publicKey);

const leaves = Array.from({ length: 21 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));

function checkpointNote(size: number, cosigners = [wa, wb]) {
  const body = formatCheckpoint({ origin: ORIGIN, size, rootHash: rootOf(leaves.slice(0, size)) });
  const note = signNote(body, log);
  return note + cosigners.map((w) => cosign(body, w, 1_796_000_000) + "\n").join("");
}

function line(index: number, size: number, extra: Partial<StatementLine> = {}): StatementLine {
  return {
    date: "2026-11-30T10:00:00.000Z",
    purpose: "USER_REPORT",
    basis: "report",
    roleCategory: "trust-and-safety",
    readerId: "0123456789abcdef",
    leafIndex: index,
    leafHash: leaves[index]!.toString("base64"),
    proof: inclusionProof(leaves, index, size).map((p) => p.toString("base64")),
    ...extra,
  };
}

function statement(accountId: string, indices: number[], size = 20, opts: { cosigners?: typeof wa[]; signer?: typeof log } = {}): AccessStatement {
  return signStatement(
    { format: "custody-access-statement/v1", accountId, issuedAt: "2026-12-04T12:00:00.000Z", checkpoint: checkpointNote(size, opts.cosigners), lines: indices.map((i) => line(i, size)), pending: 1, withheld: 0 },
    opts.signer ?? log,
  );
}

const trust = { logKey: logVkey, witnesses: [vkA, vkB], quorum: 2, accountId: "acct-a" };
const mine = statement("acct-a", [2, 5, 9]);
const theirs = statement("acct-b", [3, 11]);
const clone = (s: AccessStatement): AccessStatement => structuredClone(s);

describe("verifyAccessStatement", () => {
  it("accepts an untouched statement and names the witnesses", () => {
    expect(verifyAccessStatement(JSON.parse(JSON.stringify(mine)), trust)).toEqual({ ok: true, accountId: "acct-a", lines: 3, pending: 1, withheld: 0, checkpointSize: 20, witnesses: ["witness.test/a", "witness.test/b"] });
  });

  it("fails a tampered line field", () => {
    const s = clone(mine);
    s.lines[1]!.purpose = "LEGAL_PROCESS";
    expect(verifyAccessStatement(s, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature: the signed text does not match/) });
  });

  it("fails a line re-pointed at another leaf, with or without its proof", () => {
    const s = clone(mine);
    s.lines[0] = { ...s.lines[0]!, leafIndex: 4 };
    expect(verifyAccessStatement(s, trust).ok).toBe(false);
    const t = clone(mine);
    t.lines[0] = line(4, 20);
    expect(verifyAccessStatement(t, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
  });

  it("fails a dropped line and a spliced line from another account's statement", () => {
    const dropped = clone(mine);
    dropped.lines.splice(1, 1);
    expect(verifyAccessStatement(dropped, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
    const spliced = clone(mine);
    spliced.lines.push(theirs.lines[0]!);
    expect(verifyAccessStatement(spliced, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
  });

  it("fails another account's statement, even when relabelled", () => {
    expect(verifyAccessStatement(theirs, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/is for account "acct-b"/) });
    expect(verifyAccessStatement({ ...clone(theirs), accountId: "acct-a" }, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
  });

  it("fails a changed count", () => {
    expect(verifyAccessStatement({ ...clone(mine), pending: 0 }, trust).ok).toBe(false);
    expect(verifyAccessStatement({ ...clone(mine), withheld: 3 }, trust).ok).toBe(false);
  });

  it("fails a forged signature: another key, or a signature line edited", () => {
    const forged = statement("acct-a", [2, 5, 9], 20, { signer: impostor });
    expect(verifyAccessStatement(forged, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature: note is not signed by/) });
    // Our key id, bytes that are not our signature.
    const flipped = clone(mine);
    const [text, sig] = flipped.signature.split("\n\n");
    const [prefix, blob] = sig!.trimEnd().split(/ (?=\S+$)/);
    const bytes = Buffer.from(blob!, "base64");
    bytes[bytes.length - 1]! ^= 1;
    flipped.signature = `${text}\n\n${prefix} ${bytes.toString("base64")}\n`;
    expect(verifyAccessStatement(flipped, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature: signature by .* does not verify/) });
    const s = clone(mine);
    s.signature = s.signature.replace(/account acct-a/, "account acct-b");
    expect(verifyAccessStatement(s, trust).ok).toBe(false);
  });

  it("fails proofs against another checkpoint, even a validly cosigned one", () => {
    const s = clone(mine);
    s.checkpoint = checkpointNote(21);
    expect(verifyAccessStatement(s, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^signature/) });
    // Re-signed by the log for the other checkpoint, the old proofs no longer reach its root.
    const resigned = signStatement({ ...clone(mine), checkpoint: checkpointNote(21) }, log);
    expect(verifyAccessStatement(resigned, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^line 1: the inclusion proof/) });
  });

  it("fails a stripped cosignature, an untrusted witness and an unwitnessed trust policy", () => {
    const s = clone(mine);
    s.checkpoint = s.checkpoint.split("\n").filter((l) => !l.startsWith("\u2014 witness.test/b")).join("\n");
    expect(verifyAccessStatement(s, trust)).toMatchObject({ ok: false, problem: expect.stringMatching(/^checkpoint: 1 of the required 2/) });
    const byX = statement("acct-a", [2], 20, { cosigners: [wx] });
    expect(verifyAccessStatement(byX, { ...trust, quorum: 1 })).toMatchObject({ ok: false, problem: expect.stringMatching(/^checkpoint: 0 of the required 1/) });
    expect(verifyAccessStatement(byX, { ...trust, witnesses: [vkX], quorum: 1 }).ok).toBe(true);
    expect(verifyAccessStatement(mine, { ...trust, quorum: 0 })).toMatchObject({ ok: false, problem: expect.stringMatching(/witnessed checkpoint/) });
  });

  it("fails a duplicated line and anything that is not a statement", () => {
    const dup = signStatement({ ...clone(mine), lines: [line(2, 20), line(2, 20)] }, log);
    expect(verifyAccessStatement(dup, trust)).toMatchObject({ ok: false, problem: "line 2: leaf 2 is listed twice" });
    expect(verifyAccessStatement({ ...clone(mine), extra: 1 }, trust).ok).toBe(false);
    expect(verifyAccessStatement("nope", trust).ok).toBe(false);
  });
});
