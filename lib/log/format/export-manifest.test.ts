import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type ExportManifest, formatManifest, openManifest, signManifest } from "./export-manifest";
import { NoteError, verifierKeyString } from "../checkpoints/signed-note";

const ORIGIN = "custody.example/access-log";
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const signer = { keyName: ORIGIN, privateKey };
const key = verifierKeyString(ORIGIN, publicKey);

const manifest: ExportManifest = {
  origin: ORIGIN,
  exportId: "0193a4c2-1111-7000-8000-000000000001",
  exportedAt: "2026-03-01T09:30:00.000Z",
  format: "csv",
  scope: "filtered",
  filter: { action: "CONTENT_READ", actor: "reviewer@custody.test" },
  events: 1234,
  seqs: ["17", "90210"],
  leaves: [16, 90001],
  checkpoint: { size: 90112, rootHash: Buffer.alloc(32, 7).toString("base64") },
  sha256: "ab".repeat(32),
};

describe("export manifests", () => {
  it("round-trips through a signed note", () => {
    expect(openManifest(signManifest(manifest, signer), key)).toEqual(manifest);
  });

  it("writes one field per line, the filter as canonical JSON", () => {
    const text = formatManifest(manifest);
    expect(text.split("\n")).toContain('filter {"action":"CONTENT_READ","actor":"reviewer@custody.test"}');
    expect(text.split("\n")).toContain("checkpoint 90112 " + manifest.checkpoint!.rootHash);
    expect(formatManifest({ ...manifest, filter: null, seqs: null, leaves: null, checkpoint: null })).toContain("seqs none\nleaves none\ncheckpoint none\n");
  });

  it("rejects a manifest whose text was changed after signing", () => {
    const note = signManifest(manifest, signer).replace("events 1234", "events 1233");
    expect(() => openManifest(note, key)).toThrow(NoteError);
  });

  it("rejects a manifest signed by another key", () => {
    const other = generateKeyPairSync("ed25519").privateKey;
    expect(() => openManifest(signManifest(manifest, { keyName: ORIGIN, privateKey: other }), key)).toThrow(/not signed by/);
  });
});
