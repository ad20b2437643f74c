import { generateKeyPairSync, verify as edVerify, createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { formatCheckpoint, parseNote, rawEd25519PublicKey, signNote, verifierKeyString } from "../checkpoints/signed-note";
import { ed25519KeyFromSeed } from "../checkpoints/signing-key";
import { formatAddCheckpoint, parseAddCheckpoint } from "./add-checkpoint";
import { cosign, cosignedMessage, cosignerKeyId, cosignerVerifierKey, noteCosignatures, parseCosignatureLine, parseCosignerKey, verifyCosignatures } from "./cosignature";

// The spec's example (c2sp.org/tlog-cosignature): a checkpoint with the log's signature and a
// cosignature by witness.example.com/w1 whose timestamp is the one in its signed-message example.
const SPEC_BODY = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
const SPEC_COSIG = "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==";

const seed = Buffer.alloc(32, 7);
const witnessKey = ed25519KeyFromSeed(seed);
const witnessPub = createPublicKey(witnessKey);
const NAME = "witness.test/w1";

describe("cosignature/v1", () => {
  it("reads the spec example: key id, then the timestamp 1679315147 of its signed-message example", () => {
    const c = parseCosignatureLine(SPEC_COSIG);
    expect(c).toBeDefined();
    expect(c!.name).toBe("witness.example.com/w1");
    expect(c!.keyId.toString(16).padStart(8, "0")).toBe("8d66cf3f");
    expect(c!.timestamp).toBe(1679315147);
    expect(c!.signature).toHaveLength(64);
  });

  it("signs exactly `cosignature/v1\\ntime <t>\\n<checkpoint>` (checked with a plain Ed25519 verify)", () => {
    expect(cosignedMessage(SPEC_BODY, 1679315147).toString("utf8")).toBe(`cosignature/v1\ntime 1679315147\n${SPEC_BODY}`);
    const line = cosign(SPEC_BODY, { name: NAME, privateKey: witnessKey }, 1679315147);
    const blob = Buffer.from(line.split(" ")[2]!, "base64");
    expect(blob).toHaveLength(76);
    expect(blob.readBigUInt64BE(4)).toBe(1679315147n);
    const message = Buffer.from(`cosignature/v1\ntime 1679315147\n${SPEC_BODY}`, "utf8");
    expect(edVerify(null, message, witnessPub, blob.subarray(12))).toBe(true);
    // Not a plain note signature over the checkpoint: the domain separation is in force.
    expect(edVerify(null, Buffer.from(SPEC_BODY), witnessPub, blob.subarray(12))).toBe(false);
  });

  it("key ids use type 0x04, so the same key gives a different id and vkey than a log (0x01) key", () => {
    const vkey = cosignerVerifierKey(NAME, witnessPub);
    const parsed = parseCosignerKey(vkey);
    expect(parsed.keyId).toBe(cosignerKeyId(NAME, rawEd25519PublicKey(witnessPub)));
    expect(Buffer.from(vkey.split("+")[2]!, "base64")[0]).toBe(0x04);
    const logVkey = verifierKeyString(NAME, witnessPub);
    expect(logVkey.split("+")[1]).not.toBe(vkey.split("+")[1]);
    expect(() => parseCosignerKey(logVkey)).toThrow(/not cosignature\/v1/);
    expect(() => parseCosignerKey(vkey.replace(/\+[0-9a-f]{8}\+/, "+00000000+"))).toThrow(/key id/);
  });

  it("parses vkeys whose base64 key contains '+' itself", () => {
    const withPlus = Array.from({ length: 64 }, (_, i) => cosignerVerifierKey(NAME, createPublicKey(ed25519KeyFromSeed(Buffer.alloc(32, i)))))
      .filter((v) => v.split("+").length > 3);
    expect(withPlus.length).toBeGreaterThan(0);
    for (const v of withPlus) expect(parseCosignerKey(v).vkey).toBe(v);
  });

  it("verifies its own cosignatures and refuses a forged one, another checkpoint, or a shifted timestamp", () => {
    const key = parseCosignerKey(cosignerVerifierKey(NAME, witnessPub));
    const line = cosign(SPEC_BODY, { name: NAME, privateKey: witnessKey }, 1700000000);
    expect(verifyCosignatures(SPEC_BODY, [line], [key]).map((c) => c.timestamp)).toEqual([1700000000]);
    const other = SPEC_BODY.replace("20852163", "20852164");
    expect(() => verifyCosignatures(other, [line], [key])).toThrow(/does not verify/);
    const blob = Buffer.from(line.split(" ")[2]!, "base64");
    blob.writeBigUInt64BE(1700000001n, 4);
    expect(() => verifyCosignatures(SPEC_BODY, [`\u2014 ${NAME} ${blob.toString("base64")}`], [key])).toThrow(/does not verify/);
    const { privateKey: mallory } = generateKeyPairSync("ed25519");
    const forged = cosign(SPEC_BODY, { name: NAME, privateKey: mallory }, 1700000000);
    // A different key has a different key id, so the forgery is simply not by this witness.
    expect(verifyCosignatures(SPEC_BODY, [forged], [key])).toEqual([]);
    // Timestamps from the future are refused when a clock is given.
    const future = cosign(SPEC_BODY, { name: NAME, privateKey: witnessKey }, 1700009999);
    expect(() => verifyCosignatures(SPEC_BODY, [future], [key], { now: 1700000000 })).toThrow(/does not verify/);
  });

  it("ignores the log's own signature line and lines from unknown witnesses in a whole note", () => {
    const logKey = ed25519KeyFromSeed(Buffer.alloc(32, 9));
    const body = formatCheckpoint({ origin: "custody/test", size: 3, rootHash: Buffer.alloc(32, 1) });
    const note = signNote(body, { name: "custody/test", privateKey: logKey });
    const cosigned = `${note}${cosign(body, { name: NAME, privateKey: witnessKey }, 1700000000)}\n${SPEC_COSIG}\n`;
    expect(parseNote(cosigned).signatures).toHaveLength(3);
    const found = noteCosignatures(cosigned, [parseCosignerKey(cosignerVerifierKey(NAME, witnessPub))]);
    expect(found.map((c) => c.name)).toEqual([NAME]);
  });
});

describe("add-checkpoint request body", () => {
  it("round-trips the spec's shape and rejects bad old-size lines and proof lines", () => {
    const note = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n";
    const proof = [Buffer.alloc(32, 1), Buffer.alloc(32, 2)];
    const text = formatAddCheckpoint({ oldSize: 20852014, proof, note });
    expect(text.startsWith(`old 20852014\n${proof[0]!.toString("base64")}\n${proof[1]!.toString("base64")}\n\nexample.com/`)).toBe(true);
    const back = parseAddCheckpoint(text);
    expect(back.oldSize).toBe(20852014);
    expect(back.proof).toEqual(proof);
    expect(back.note).toBe(note);
    expect(() => parseAddCheckpoint(`old 01\n\n${note}`)).toThrow(/old <size>/);
    expect(() => parseAddCheckpoint(`old 5\nnot-base64\n\n${note}`)).toThrow(/proof line 1/);
    expect(() => parseAddCheckpoint(`old 5\n${"AAAA\n".repeat(1)}\n${note}`)).toThrow(/32-byte/);
  });
});
