import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyCheckpointInBrowser } from "./checkpoint-verify-web";
import { formatCheckpoint, signNote, verifierKeyString } from "./signed-note";

// The browser's checkpoint check must accept exactly what the server signs and the offline
// verifier accepts, and refuse a forged or altered one. Node's WebCrypto stands in for the
// browser's (the same API).
const name = "custody.test/access-log";
// A key whose base64 contains "+" (the separator of the key string's parts) is among those tried.
const keys = Array.from({ length: 40 }, () => generateKeyPairSync("ed25519"));
const { privateKey, publicKey } = keys.find((k) => verifierKeyString(name, k.publicKey).split("+").length > 3) ?? keys[0]!;
const key = verifierKeyString(name, publicKey);
const root = new Uint8Array(32).map((_, i) => i * 7);
const note = signNote(formatCheckpoint({ origin: name, size: 1234, rootHash: root }), { name, privateKey });

describe("verifyCheckpointInBrowser", () => {
  it("accepts a checkpoint the server signed, and returns what it signs", async () => {
    expect(key.split("+").length, "a key whose base64 holds a +").toBeGreaterThan(3);
    expect(await verifyCheckpointInBrowser(note, key)).toEqual({
      ok: true,
      checkpoint: { origin: name, size: 1234, rootHash: Buffer.from(root).toString("base64") },
      keyName: name,
      keyId: key.slice(name.length + 1, name.length + 9),
    });
  });

  it("refuses a checkpoint whose text was altered after signing (a bigger tree, another root)", async () => {
    const bigger = note.replace("\n1234\n", "\n1235\n");
    expect(await verifyCheckpointInBrowser(bigger, key)).toMatchObject({ ok: false, why: expect.stringMatching(/does not verify/) });
    const otherRoot = note.replace(Buffer.from(root).toString("base64"), Buffer.from(new Uint8Array(32)).toString("base64"));
    expect((await verifyCheckpointInBrowser(otherRoot, key)).ok).toBe(false);
  });

  it("refuses a checkpoint signed by another key, even under the same name", async () => {
    const impostor = generateKeyPairSync("ed25519");
    const forged = signNote(formatCheckpoint({ origin: name, size: 1234, rootHash: root }), { name, privateKey: impostor.privateKey });
    expect(await verifyCheckpointInBrowser(forged, key)).toMatchObject({ ok: false, why: expect.stringMatching(/no signature by/) });
  });

  it("refuses a malformed key or note", async () => {
    expect((await verifyCheckpointInBrowser(note, "not-a-key")).ok).toBe(false);
    expect((await verifyCheckpointInBrowser(note, key.replace(/\+[0-9a-f]{8}\+/, "+00000000+"))).ok).toBe(false);
    expect((await verifyCheckpointInBrowser("custody\n12\n", key)).ok).toBe(false);
  });
});
