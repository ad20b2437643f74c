import { createHash, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSyntheticExport } from "@/lib/demo/synthetic-log";
import { verifierKeyString } from "../checkpoints/signed-note";
import { type ExportManifest, signManifest } from "../format/export-manifest";
import { verifyCsvFile, verifyExportFile } from "./verify-export-file";

// The file-level checks of `npm run audit:verify`, on files on disk: an export against the
// public key and its signed manifest, a CSV export against its manifest alone.

const ORIGIN = "custody.test/access-log";
const logKey = { name: ORIGIN, ...generateKeyPairSync("ed25519") };
const verifierKey = verifierKeyString(ORIGIN, logKey.publicKey);
const otherKey = { name: ORIGIN, ...generateKeyPairSync("ed25519") };
const otherVerifierKey = verifierKeyString(ORIGIN, otherKey.publicKey);
const thirdKey = { name: ORIGIN, ...generateKeyPairSync("ed25519") };

const dir = mkdtempSync(path.join(tmpdir(), "custody-verify-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): { path: string; sha256: string } {
  const p = path.join(dir, `f${n++}`);
  writeFileSync(p, text);
  return { path: p, sha256: createHash("sha256").update(text).digest("hex") };
}

const COUNT = 24;
const exported = buildSyntheticExport({ count: COUNT, batch: 8, signer: logKey, origin: ORIGIN });
const jsonl = file(`${exported.lines.join("\n")}\n`);

function manifest(over: Partial<ExportManifest> = {}, signer = logKey): string {
  const m: ExportManifest = {
    origin: ORIGIN,
    exportId: "00000000-0000-7000-8000-000000000001",
    exportedAt: "2026-01-02T00:00:00.000Z",
    format: "jsonl",
    scope: "contiguous",
    filter: null,
    events: COUNT,
    seqs: ["1", String(COUNT)],
    leaves: [0, COUNT - 1],
    checkpoint: null,
    sha256: jsonl.sha256,
    ...over,
  };
  return signManifest(m, { keyName: signer.name, privateKey: signer.privateKey });
}

const problemOf = (r: { ok: boolean } & Partial<{ kind: string; problem: string }>) => (r.ok ? "OK" : `${r.kind}: ${r.problem}`);

describe("verifyExportFile", () => {
  it("verifies an intact export, with and without its manifest", async () => {
    const plain = await verifyExportFile(jsonl.path, { verifierKey });
    expect(plain).toMatchObject({ ok: true, events: COUNT });
    expect(await verifyExportFile(jsonl.path, { verifierKey, manifest: manifest() })).toEqual(plain);
  });

  it("refuses a manifest that does not match the file", async () => {
    const check = async (m: string) => problemOf(await verifyExportFile(jsonl.path, { verifierKey, manifest: m }));
    expect(await check(manifest({ sha256: "0".repeat(64) }))).toMatch(/^manifest: the file's SHA-256 is [0-9a-f]{64}, but the manifest signs 0{64}/);
    expect(await check(manifest({ events: COUNT - 1 }))).toBe(`manifest: the file holds ${COUNT} events, but the manifest signs ${COUNT - 1}`);
    expect(await check(manifest({ format: "csv" }))).toBe("manifest: the manifest is for a csv export, not jsonl");
    expect(await check(manifest({}, otherKey))).toMatch(/^manifest: the manifest does not verify: .+/);
  });

  it("opens the manifest with whichever of several keys signed it", async () => {
    const r = await verifyExportFile(jsonl.path, { verifierKey: [otherVerifierKey, verifierKey], manifest: manifest() });
    expect(r.ok).toBe(true);
    // Signed by neither: the first key's reason is given.
    const none = await verifyExportFile(jsonl.path, { verifierKey: [verifierKey, otherVerifierKey], manifest: manifest({}, thirdKey) });
    expect(problemOf(none)).toMatch(/^manifest: the manifest does not verify: .+/);
  });

  it("reports a tampered file as such, before its manifest", async () => {
    const lines = [...exported.lines];
    lines[lines.length - 1] = lines.at(-1)!.replace(/"outcome":"ALLOWED"/, '"outcome":"DENIED"');
    const tampered = file(`${lines.join("\n")}\n`);
    const r = await verifyExportFile(tampered.path, { verifierKey, manifest: manifest({ sha256: tampered.sha256 }) });
    expect(r.ok ? "OK" : r.kind).not.toMatch(/^(OK|manifest)$/);
  });

  it("judges unsealed events by their age when the file was made, not when it is checked", async () => {
    const withTail = buildSyntheticExport({ count: COUNT, batch: 8, signer: logKey, origin: ORIGIN, unsealedTail: 1 });
    const f = file(`${withTail.lines.join("\n")}\n`);
    // The unsealed event is a day older than the header's exportedAt, and months older than today.
    const twoDays = 2 * 24 * 60 * 60_000;
    expect((await verifyExportFile(f.path, { verifierKey, maxUnsealedAgeMs: twoDays })).ok).toBe(true);
    expect(problemOf(await verifyExportFile(f.path, { verifierKey }))).toMatch(/^unsealed-too-long:/);
    // Without a time in the header there is no moment to judge the age at.
    const noTime = file(`${[JSON.stringify({ ...JSON.parse(withTail.lines[0]!), exportedAt: undefined }), ...withTail.lines.slice(1)].join("\n")}\n`);
    expect((await verifyExportFile(noTime.path, { verifierKey })).ok).toBe(true);
  });
});

describe("verifyCsvFile", () => {
  // A justification holding a CRLF inside a quoted cell is one record, not two.
  const csv = file('seq,justification\r\n1,"first line\r\nsecond line"\r\n2,plain\r\n3\r\n');
  const csvManifest = (over: Partial<ExportManifest> = {}, signer = logKey) => manifest({ format: "csv", events: 3, sha256: csv.sha256, ...over }, signer);

  it("counts records with a parser: quoted line breaks and short rows", async () => {
    expect(await verifyCsvFile(csv.path, { verifierKey, manifest: csvManifest() })).toEqual({
      ok: true,
      events: 3,
      sealedEvents: 3,
      uncoveredEvents: 0,
      unsealedEvents: 0,
      checkpointsVerified: 0,
      verifiedSize: 0,
      verifiedRoot: null,
    });
  });

  it("refuses a manifest of another count, hash, format or key", async () => {
    const check = async (m: string) => problemOf(await verifyCsvFile(csv.path, { verifierKey, manifest: m }));
    expect(await check(csvManifest({ events: 4 }))).toBe("manifest: the file holds 3 events, but the manifest signs 4");
    expect(await check(csvManifest({ sha256: "f".repeat(64) }))).toMatch(/^manifest: the file's SHA-256 is/);
    expect(await check(csvManifest({ format: "jsonl" }))).toBe("manifest: the manifest is for a jsonl export, not csv");
    expect(await check(csvManifest({}, otherKey))).toMatch(/^manifest: the manifest does not verify: .+/);
  });

  it("refuses a file that is not CSV, and one without even a header row", async () => {
    const broken = file('seq,justification\r\n1,"never closed\r\n');
    expect(problemOf(await verifyCsvFile(broken.path, { verifierKey, manifest: csvManifest({ sha256: broken.sha256 }) }))).toMatch(/^manifest: the file is not well-formed CSV: .+/);
    const empty = file("");
    expect(problemOf(await verifyCsvFile(empty.path, { verifierKey, manifest: csvManifest({ sha256: empty.sha256, events: 0 }) }))).toBe(
      "manifest: the file is not well-formed CSV: it has no header row",
    );
    const headerOnly = file("seq,justification\r\n");
    expect(await verifyCsvFile(headerOnly.path, { verifierKey, manifest: csvManifest({ sha256: headerOnly.sha256, events: 0 }) })).toMatchObject({ ok: true, events: 0 });
  });
});
