import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type CanonicalEvent, eventLeafHash } from "../events/event-leaf";
import {
  type ExportedEvent,
  type LineSource,
  exportCheckpointLine,
  exportConsistencyLine,
  exportEventLine,
  exportFrontierLine,
  exportHeaderLine,
  linesOf,
} from "../format/export-format";
import { MerkleFrontier, consistencyProof, inclusionProof, rootOf } from "../merkle/merkle";
import { type VerifyOptions, type VerifyResult, verifyAccessLog, verifyExport } from "./offline-verify";
import { formatCheckpoint, signNote, verifierKeyString } from "../checkpoints/signed-note";
import { buildSyntheticExport, syntheticEvent } from "@/lib/demo/synthetic-log";

const ORIGIN = "custody.test/access-log";
const logKey = { name: ORIGIN, ...generateKeyPairSync("ed25519") };
const verifierKey = verifierKeyString(ORIGIN, logKey.publicKey);
const otherKey = { name: ORIGIN, ...generateKeyPairSync("ed25519") };

// 40 sealed events, a checkpoint every 8 leaves (sizes 8, 16, 24, 32, 40).
const COUNT = 40;
const BATCH = 8;
const base = buildSyntheticExport({ count: COUNT, batch: BATCH, signer: logKey, origin: ORIGIN });
const HEADER_AND_CHECKPOINTS = 1 + base.checkpoints.length;

const isEvent = (line: string) => line.startsWith('{"type":"event"');
const parse = (line: string) => JSON.parse(line) as ExportedEvent;
const relayout = (record: ExportedEvent) => exportEventLine(record.event, { leafIndex: record.leafIndex, leafHash: record.leafHash ? Buffer.from(record.leafHash, "base64") : undefined });
const lineOfLeaf = (lines: string[], index: number) => lines.findIndex((l) => isEvent(l) && parse(l).leafIndex === index);

/** The export with the event at `index` changed by `edit` (and its stored leafHash kept or dropped). */
function withEdited(index: number, edit: (event: CanonicalEvent) => CanonicalEvent, opts: { leafHash: "keep" | "recompute" | "drop" } = { leafHash: "keep" }) {
  const lines = [...base.lines];
  const at = lineOfLeaf(lines, index);
  const record = parse(lines[at]!);
  const event = edit(record.event);
  const leafHash = opts.leafHash === "keep" ? Buffer.from(record.leafHash!, "base64") : opts.leafHash === "recompute" ? eventLeafHash(event) : undefined;
  lines[at] = exportEventLine(event, { leafIndex: index, leafHash });
  return lines;
}

const verify = (lines: LineSource, options: Partial<VerifyOptions> = {}) => verifyExport(lines, { verifierKey, ...options });

function expectFailure(result: VerifyResult, kind: string, firstBadLeafIndex: number | null, firstBadSeq: string | null) {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (result.ok) return;
  expect({ kind: result.kind, firstBadLeafIndex: result.firstBadLeafIndex, firstBadSeq: result.firstBadSeq }).toEqual({ kind, firstBadLeafIndex, firstBadSeq });
  expect(result.problem.length).toBeGreaterThan(10);
}

const seqOf = (leafIndex: number) => syntheticEvent(leafIndex).seq;

describe("verifyExport: an intact log", () => {
  it("verifies every leaf against every checkpoint", async () => {
    expect(await verify(base.lines)).toEqual({
      ok: true,
      events: COUNT,
      sealedEvents: COUNT,
      uncoveredEvents: 0,
      unsealedEvents: 0,
      checkpointsVerified: COUNT / BATCH,
      verifiedSize: COUNT,
      verifiedRoot: rootOf(base.leafHashes).toString("base64"),
    });
  });

  it("verifies lines reformatted by another tool through the parse-and-canonicalise path", async () => {
    const reformatted = base.lines.map((line) => (isEvent(line) ? JSON.stringify(((r) => ({ event: r.event, leafHash: r.leafHash, leafIndex: r.leafIndex, type: r.type }))(parse(line))) : line));
    expect(reformatted.some((l) => l.startsWith('{"event"'))).toBe(true);
    expect((await verify(reformatted)).ok).toBe(true);
    const withoutHashes = buildSyntheticExport({ count: 20, batch: 8, signer: logKey, origin: ORIGIN, withLeafHashes: false });
    expect(await verify(withoutHashes.lines)).toMatchObject({ ok: true, verifiedSize: 20 });
  });

  it("accepts an async line source, blank lines and reports progress", async () => {
    async function* lines() {
      for (const line of base.lines) yield `${line}\n`.trimEnd();
      yield "";
    }
    const progress: number[] = [];
    expect((await verify(lines(), { onProgress: (n) => progress.push(n), progressEvery: 16 })).ok).toBe(true);
    expect(progress).toEqual([16, 32]);
  });

  it("verifies a file read in arbitrary chunks, as the CLI reads it", async () => {
    const bytes = Buffer.from(base.lines.join("\r\n") + "\r\n");
    async function* chunks() {
      for (let at = 0; at < bytes.length; at += 977) yield bytes.subarray(at, at + 977);
    }
    expect(await verify(linesOf(chunks()))).toMatchObject({ ok: true, sealedEvents: COUNT });
  });

  it("counts unsealed events at the tail, and flags them once they are too old", async () => {
    const log = buildSyntheticExport({ count: COUNT, batch: BATCH, signer: logKey, origin: ORIGIN, unsealedTail: 3 });
    expect(await verify(log.lines)).toMatchObject({ ok: true, events: COUNT + 3, sealedEvents: COUNT, unsealedEvents: 3 });
    const oldest = syntheticEvent(COUNT);
    const asOf = new Date(Date.parse(oldest.occurredAt) + 60_000);
    expect((await verify(log.lines, { unsealed: { maxAgeMs: 120_000, asOf } })).ok).toBe(true);
    expectFailure(await verify(log.lines, { unsealed: { maxAgeMs: 30_000, asOf } }), "unsealed-too-long", null, oldest.seq);
  });

  it("reports sealed events beyond the last checkpoint as not yet vouched for", async () => {
    const log = buildSyntheticExport({ count: 20, batch: 8, signer: logKey, origin: ORIGIN });
    const lines = log.lines.filter((l) => !l.includes(`\\n20\\n`)); // drop the size-20 checkpoint
    expect(await verify(lines)).toMatchObject({ ok: true, sealedEvents: 20, uncoveredEvents: 4, verifiedSize: 16 });
  });

  it("accepts checkpoints signed before a key rotation when given both keys", async () => {
    const lines = [...base.lines];
    const first = base.checkpoints[0]!;
    lines[1] = exportCheckpointLine(signNote(first.slice(0, first.indexOf("\n\n") + 1), otherKey));
    expectFailure(await verify(lines), "checkpoint-signature", 0, seqOf(0));
    expect((await verify(lines, { verifierKey: [verifierKey, verifierKeyString(ORIGIN, otherKey.publicKey)] })).ok).toBe(true);
  });
});

describe("verifyExport: tampering is detected and located", () => {
  it("an edited field, named exactly when the stored leaf hash is exported", async () => {
    const lines = withEdited(13, (e) => ({ ...e, justification: "nothing to see" }));
    expectFailure(await verify(lines), "leaf-hash-mismatch", 13, seqOf(13));
  });

  it("an edited field with its leaf hash rewritten too, located to its batch", async () => {
    const lines = withEdited(13, (e) => ({ ...e, messageIds: [] }), { leafHash: "recompute" });
    expectFailure(await verify(lines), "root-mismatch", 8, seqOf(8));
    expectFailure(await verify(withEdited(13, (e) => ({ ...e, outcome: "DENIED" }), { leafHash: "drop" })), "root-mismatch", 8, seqOf(8));
  });

  it("an edit that leaves the JSON non-canonical", async () => {
    const lines = [...base.lines];
    const at = lineOfLeaf(lines, 3);
    lines[at] = lines[at]!.replace('"accountIds":[', '"accountIds": [');
    const result = await verify(lines);
    expectFailure(result, "leaf-hash-mismatch", 3, seqOf(3));
    expect(result.ok || result.problem).toMatch(/not written as canonical JSON/);
  });

  it("a deleted event", async () => {
    const lines = [...base.lines];
    lines.splice(lineOfLeaf(lines, 21), 1);
    expectFailure(await verify(lines), "leaf-order", 21, seqOf(22));
  });

  it("a deleted event with the later leaves renumbered", async () => {
    const lines = base.lines.filter((l) => !(isEvent(l) && parse(l).leafIndex === 21));
    const renumbered = lines.map((l) => (isEvent(l) && parse(l).leafIndex! > 21 ? relayout({ ...parse(l), leafIndex: parse(l).leafIndex! - 1 }) : l));
    // Each event still carries its own leaf hash, so only the root shows the gap: its batch is named.
    expectFailure(await verify(renumbered), "root-mismatch", 16, seqOf(16));
  });

  it("an inserted forged event", async () => {
    const forged = { ...syntheticEvent(5), seq: "1000", justification: "forged" };
    const lines = [...base.lines];
    const at = lineOfLeaf(lines, 6);
    lines.splice(at, 0, exportEventLine(forged, { leafIndex: 6, leafHash: eventLeafHash(forged) }));
    const renumbered = lines.map((l, i) => (i > at && isEvent(l) ? relayout({ ...parse(l), leafIndex: parse(l).leafIndex! + 1 }) : l));
    expectFailure(await verify(renumbered), "root-mismatch", 0, seqOf(0));
    expectFailure(await verify(lines), "leaf-order", 6, seqOf(6));
  });

  it("two events swapped", async () => {
    const lines = [...base.lines];
    const [a, b] = [lineOfLeaf(lines, 17), lineOfLeaf(lines, 18)];
    const [ra, rb] = [parse(lines[a]!), parse(lines[b]!)];
    // The rows swap contents; the leaf hashes stay with their leaf positions.
    lines[a] = relayout({ ...rb, leafIndex: 17, leafHash: ra.leafHash });
    lines[b] = relayout({ ...ra, leafIndex: 18, leafHash: rb.leafHash });
    expectFailure(await verify(lines), "leaf-hash-mismatch", 17, seqOf(18));
    // Without stored hashes the swap is still caught, at its batch.
    const bare = lines.map((l) => (isEvent(l) ? relayout({ ...parse(l), leafHash: undefined }) : l));
    expectFailure(await verify(bare), "root-mismatch", 16, seqOf(16));
  });

  it("the tail truncated", async () => {
    const lines = base.lines.slice(0, HEADER_AND_CHECKPOINTS + 35);
    const r = await verify(lines);
    expectFailure(r, "missing-events", 35, null);
    expect(r.ok ? "" : r.problem).toBe("a signed checkpoint covers 40 leaves but the log holds 35: leaves 35–39 are missing");
  });

  it("the tail truncated together with its checkpoints, against the auditor's trusted checkpoint", async () => {
    const lines = [base.lines[0]!, ...base.lines.slice(1, 4), ...base.lines.slice(HEADER_AND_CHECKPOINTS, HEADER_AND_CHECKPOINTS + 24)];
    expect((await verify(lines)).ok).toBe(true);
    const r = await verify(lines, { trustedCheckpoint: base.checkpoints.at(-1)! });
    expectFailure(r, "missing-events", 24, null);
    expect(r.ok ? "" : r.problem).toBe("the trusted checkpoint covers 40 leaves but the log holds 24: leaves 24–39 are missing");
    expect((await verify(lines, { trustedCheckpoint: base.checkpoints[1]! })).ok).toBe(true);
  });

  it("a checkpoint replaced by one signed with another key", async () => {
    const lines = [...base.lines];
    const body = formatCheckpoint({ origin: ORIGIN, size: 24, rootHash: rootOf(base.leafHashes.slice(0, 24)) });
    lines[3] = exportCheckpointLine(signNote(body, otherKey));
    const r = await verify(lines);
    expectFailure(r, "checkpoint-signature", 16, seqOf(16));
    expect(r.ok ? "" : r.problem).toMatch(/^checkpoint #3 \(size 24\) is not signed by the log's key: /);
  });

  it("a checkpoint whose signature was altered", async () => {
    const lines = [...base.lines];
    const note = base.checkpoints[2]!;
    // The signature line is "— <name> <base64>": flip one byte of the signature itself.
    const sigLine = note.trimEnd().split("\n").at(-1)!;
    const b64 = sigLine.split(" ").at(-1)!;
    const raw = Buffer.from(b64, "base64");
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    lines[3] = exportCheckpointLine(note.replace(b64, raw.toString("base64")));
    const r = await verify(lines);
    expectFailure(r, "checkpoint-signature", 16, seqOf(16));
    expect(r.ok ? "" : r.problem).toMatch(/^checkpoint #3 \(size 24\) has a bad signature: /);
    // A trusted checkpoint that does not verify is refused before anything else.
    expectFailure(await verify(base.lines, { trustedCheckpoint: note.replace(b64, raw.toString("base64")) }), "trusted-checkpoint", null, null);
  });

  it("a checkpoint with a forged root, even signed with the log's key", async () => {
    const lines = [...base.lines];
    lines[2] = exportCheckpointLine(signNote(formatCheckpoint({ origin: ORIGIN, size: 16, rootHash: base.leafHashes[0]! }), logKey));
    expectFailure(await verify(lines), "root-mismatch", 8, seqOf(8));
  });

  it("a fork: two checkpoints of one size with different roots", async () => {
    const forkRoot = rootOf([...base.leafHashes.slice(0, 31), eventLeafHash({ ...syntheticEvent(31), justification: "rewritten" })]);
    const fork = signNote(formatCheckpoint({ origin: ORIGIN, size: 32, rootHash: forkRoot }), logKey);
    const lines = [...base.lines.slice(0, 5), exportCheckpointLine(fork), ...base.lines.slice(5)]; // beside the real size 32
    expectFailure(await verify(lines), "fork", 24, seqOf(24));
  });

  it("a rollback: a smaller checkpoint issued after a larger one", async () => {
    const lines = [base.lines[0]!, base.lines[1]!, base.lines[3]!, base.lines[2]!, ...base.lines.slice(4)];
    expectFailure(await verify(lines), "checkpoint-rollback", 16, null);
  });

  it("a checkpoint of another log", async () => {
    const other = signNote(formatCheckpoint({ origin: "custody.test/other", size: 8, rootHash: rootOf(base.leafHashes.slice(0, 8)) }), logKey);
    const lines = [...base.lines];
    lines[1] = exportCheckpointLine(other);
    expectFailure(await verify(lines), "checkpoint-origin", 0, seqOf(0));
    expectFailure(await verify(base.lines, { origin: "custody.test/other" }), "checkpoint-origin", 0, seqOf(0));
  });

  it("an event sealed long after it happened (a backdated insert)", async () => {
    // Backdated before it was sealed, so the signed roots cover it: only its time gives it away.
    const backdated = (i: number) => (i === 30 ? { ...syntheticEvent(i), occurredAt: "2025-12-01T00:00:00.000Z" } : syntheticEvent(i));
    const { lines } = buildSyntheticExport({ count: COUNT, batch: BATCH, signer: logKey, origin: ORIGIN, event: backdated });
    expectFailure(await verify(lines, { maxSealDelayMs: 3_600_000 }), "sealed-late", 30, seqOf(30));
  });

  it("an event whose time was moved later after sealing is named, not the next one as sealed late", async () => {
    const later = (e: CanonicalEvent) => ({ ...e, occurredAt: "2027-01-01T00:00:00.000Z" });
    expectFailure(await verify(withEdited(26, later), { maxSealDelayMs: 3_600_000 }), "leaf-hash-mismatch", 26, seqOf(26));
    // Without stored leaf hashes to tell which, the range since the last good checkpoint is named.
    expectFailure(await verify(withEdited(26, later, { leafHash: "drop" }), { maxSealDelayMs: 3_600_000 }), "root-mismatch", 24, seqOf(24));
    expectFailure(await verify(withEdited(26, later, { leafHash: "recompute" }), { maxSealDelayMs: 3_600_000 }), "root-mismatch", 24, seqOf(24));
  });

  it("a duplicated event, a sealed event after unsealed ones, and fields the log does not cover", async () => {
    const lines = [...base.lines];
    lines.splice(lineOfLeaf(lines, 5), 1, relayout({ ...parse(lines[lineOfLeaf(lines, 5)]!), event: { ...syntheticEvent(5), seq: seqOf(4) } }));
    expectFailure(await verify(lines), "duplicate-seq", 5, seqOf(4));

    const unsealed = exportEventLine(syntheticEvent(99), { leafIndex: null });
    expectFailure(await verify([...base.lines.slice(0, -1), unsealed, base.lines.at(-1)!]), "leaf-order", COUNT - 1, seqOf(COUNT - 1));

    const extra = [...base.lines];
    const at = lineOfLeaf(extra, 2);
    extra[at] = JSON.stringify({ ...parse(extra[at]!), approvedBy: "lead@custody.test" });
    expectFailure(await verify(extra), "malformed-event", 2, seqOf(2));
    extra[at] = JSON.stringify(((r) => ({ ...r, event: { ...r.event, approvedBy: "x" } }))(parse(base.lines[at]!)));
    expectFailure(await verify(extra), "malformed-event", 2, seqOf(2));
  });

  it("nothing to vouch for the events", async () => {
    const lines = [base.lines[0]!, ...base.lines.slice(HEADER_AND_CHECKPOINTS)];
    expectFailure(await verify(lines), "no-checkpoint", null, null);
  });

  it("malformed files and lines", async () => {
    expectFailure(await verify([]), "malformed-export", null, null);
    expectFailure(await verify(['{"type":"event"}']), "malformed-export", null, null);
    expectFailure(await verify([base.lines[0]!.replace('"version":1', '"version":2')]), "malformed-export", null, null);
    const badJson = [...base.lines];
    badJson[lineOfLeaf(badJson, 10)] = '{"type":"event","leafIndex":10,"event":{';
    const result = await verify(badJson);
    expectFailure(result, "malformed-event", null, null);
    expect(result.ok ? 0 : result.eventsChecked).toBe(11);
    const stray = [...base.lines];
    stray.splice(lineOfLeaf(stray, 10), 0, base.lines[1]!);
    expectFailure(await verify(stray), "malformed-event", null, null);
    expectFailure(await verify([...base.lines.slice(0, 1), "not json"]), "malformed-export", null, null);
    const badCheckpoint = [...base.lines];
    badCheckpoint[1] = exportCheckpointLine("garbage\n\n— x y\n");
    expectFailure(await verify(badCheckpoint), "checkpoint-malformed", null, null);
  });
});

describe("verifyExport: partial exports", () => {
  it("a range starting mid-log, anchored by the frontier that a later checkpoint vouches for", async () => {
    const frontier = new MerkleFrontier();
    base.leafHashes.slice(0, 20).forEach((h) => frontier.append(h));
    const events = base.lines.slice(HEADER_AND_CHECKPOINTS + 20);
    const lines = [base.lines[0]!, ...base.lines.slice(1, HEADER_AND_CHECKPOINTS), exportFrontierLine(frontier.toJSON()), ...events];
    expect(await verify(lines)).toMatchObject({ ok: true, sealedEvents: 20, verifiedSize: 40 });

    const broken = [...lines.slice(0, HEADER_AND_CHECKPOINTS), exportFrontierLine({ size: 20, hashes: [] }), ...events];
    expectFailure(await verify(broken), "malformed-export", null, null);
    const forged = MerkleFrontier.fromJSON({ ...frontier.toJSON(), hashes: frontier.toJSON().hashes.reverse() });
    expectFailure(await verify([...lines.slice(0, HEADER_AND_CHECKPOINTS), exportFrontierLine(forged.toJSON()), ...events]), "root-mismatch", 20, seqOf(20));
    // A trusted checkpoint from before the range needs a consistency proof to be checked.
    expectFailure(await verify(lines, { trustedCheckpoint: base.checkpoints[0]! }), "trusted-checkpoint", null, null);
    const proof = exportConsistencyLine(8, 40, consistencyProof(base.leafHashes, 8, 40));
    expect((await verify([...lines.slice(0, -20), proof, ...events], { trustedCheckpoint: base.checkpoints[0]! })).ok).toBe(true);
  });

  it("a filtered export, each event with its inclusion proof", async () => {
    const picked = [3, 17, 30, 39];
    const latest = base.checkpoints.at(-1)!;
    const filtered = [
      exportHeaderLine({ scope: "filtered", origin: ORIGIN, filter: { actor: "reviewer3@custody.test" } }),
      exportCheckpointLine(latest),
      ...picked.map((i) => exportEventLine(syntheticEvent(i), { leafIndex: i, proof: inclusionProof(base.leafHashes, i, COUNT) })),
    ];
    expect(await verify(filtered)).toMatchObject({ ok: true, events: 4, sealedEvents: 4, uncoveredEvents: 0 });

    const tampered = [...filtered];
    tampered[3] = exportEventLine({ ...syntheticEvent(17), purpose: "APPEAL" }, { leafIndex: 17, proof: inclusionProof(base.leafHashes, 17, COUNT) });
    expectFailure(await verify(tampered), "inclusion-proof", 17, seqOf(17));
    const moved = [...filtered];
    moved[3] = exportEventLine(syntheticEvent(17), { leafIndex: 18, proof: inclusionProof(base.leafHashes, 17, COUNT) });
    expectFailure(await verify(moved), "inclusion-proof", 18, seqOf(17));

    // Against a trusted checkpoint, the export must prove the log only grew since.
    const trustedCheckpoint = base.checkpoints[1]!;
    expectFailure(await verify(filtered, { trustedCheckpoint }), "trusted-checkpoint", null, null);
    const withProof = [...filtered.slice(0, 2), exportConsistencyLine(16, COUNT, consistencyProof(base.leafHashes, 16, COUNT)), ...filtered.slice(2)];
    expect((await verify(withProof, { trustedCheckpoint })).ok).toBe(true);
    const badProof = [...filtered.slice(0, 2), exportConsistencyLine(16, COUNT, consistencyProof(base.leafHashes, 8, COUNT)), ...filtered.slice(2)];
    expectFailure(await verify(badProof, { trustedCheckpoint }), "consistency-proof", null, null);
    // A proof from another size does not connect the trusted checkpoint; one between sizes the
    // export does not hold is ignored.
    const otherFrom = [filtered[0]!, exportCheckpointLine(base.checkpoints[0]!), ...filtered.slice(1, 2), exportConsistencyLine(8, COUNT, consistencyProof(base.leafHashes, 8, COUNT)), ...filtered.slice(2)];
    expect((await verify(otherFrom)).ok).toBe(true);
    expectFailure(await verify(otherFrom, { trustedCheckpoint }), "trusted-checkpoint", null, null);
    const stray = [...filtered.slice(0, 2), exportConsistencyLine(24, 32, consistencyProof(base.leafHashes, 24, 32)), ...filtered.slice(2)];
    expect((await verify(stray)).ok).toBe(true);
  });
});

describe("verifyAccessLog", () => {
  it("takes parsed records directly, as the database mode would pass them", async () => {
    const records = Array.from({ length: 16 }, (_, i) => ({ type: "event", leafIndex: i, event: syntheticEvent(i) }));
    const checkpoints = base.checkpoints.slice(0, 2);
    expect(await verifyAccessLog({ events: records, checkpoints }, { verifierKey })).toMatchObject({ ok: true, verifiedSize: 16 });
    records[9]!.event = { ...records[9]!.event, actorRoles: ["ADMIN"] };
    expectFailure(await verifyAccessLog({ events: records, checkpoints }, { verifierKey }), "root-mismatch", 8, seqOf(8));
  });
});

// A filtered export's events are checked one by one against the largest checkpoint: each way an
// event can fail that check, and events the checkpoint does not reach yet.
describe("verifyExport: a filtered export, event by event", () => {
  const latestOf = (size: number) => base.checkpoints[size / BATCH - 1]!;
  const header = exportHeaderLine({ scope: "filtered", origin: ORIGIN, filter: { actor: "reviewer3@custody.test" } });
  const proofAt = (i: number, size = COUNT) => inclusionProof(base.leafHashes, i, size);
  const line = (i: number, opts: { leafHash?: Buffer; proof?: unknown; event?: CanonicalEvent; leafIndex?: number } = {}) =>
    exportEventLine(opts.event ?? syntheticEvent(i), { leafIndex: opts.leafIndex ?? i, leafHash: opts.leafHash, proof: (opts.proof ?? proofAt(i)) as Buffer[] });
  const filtered = (lines: string[], checkpoint = latestOf(COUNT)) => [header, exportCheckpointLine(checkpoint), ...lines];

  it("names an event whose stored leaf hash is not the one sealed for it, before its proof", async () => {
    expect((await verify(filtered([line(3, { leafHash: base.leafHashes[3] }), line(17, { leafHash: base.leafHashes[17] })]))).ok).toBe(true);
    expectFailure(await verify(filtered([line(3), line(17, { leafHash: base.leafHashes[16] })])), "leaf-hash-mismatch", 17, seqOf(17));
  });

  it("refuses a proof with a hash that is not base64 text, or none at all", async () => {
    const withProof = (proof: unknown) => JSON.stringify({ ...JSON.parse(line(17)), proof });
    const good = (JSON.parse(line(17)) as { proof: string[] }).proof;
    expect((await verify(filtered([withProof(good)]))).ok).toBe(true);
    expectFailure(await verify(filtered([withProof([...good.slice(0, -1), 42])])), "inclusion-proof", 17, seqOf(17));
    expectFailure(await verify(filtered([withProof("not a list")])), "inclusion-proof", 17, seqOf(17));
  });

  it("counts events past the checkpoint as not yet vouched for, and fails when none is vouched for", async () => {
    // Checkpoint of size 24: leaf 23 is its last, leaf 24 the first it does not cover.
    const cp = latestOf(24);
    expect(await verify(filtered([line(23, { proof: proofAt(23, 24) }), line(24, { proof: [] }), line(30, { proof: [] })], cp))).toMatchObject({
      ok: true,
      sealedEvents: 3,
      uncoveredEvents: 2,
    });
    expectFailure(await verify(filtered([line(24, { proof: [] }), line(30, { proof: [] })], cp)), "no-checkpoint", null, null);
    expectFailure(await verify([header, line(3)]), "no-checkpoint", null, null);
  });

  it("refuses leaves repeated or out of order", async () => {
    expectFailure(await verify(filtered([line(17), line(17)])), "duplicate-seq", 17, seqOf(17));
    expectFailure(await verify(filtered([line(17), line(3)])), "leaf-order", 3, seqOf(3));
    expectFailure(await verify(filtered([line(17), line(18, { event: syntheticEvent(18), leafIndex: 17, proof: proofAt(17) })])), "leaf-order", 17, seqOf(18));
  });

  it("names an event sealed long after an earlier one, covered or not", async () => {
    const backdated = (i: number) => ({ ...syntheticEvent(i), occurredAt: "2025-06-01T00:00:00.000Z" });
    // Its leaf hash is what the log would have sealed for the backdated event.
    const forged = buildSyntheticExport({ count: COUNT, batch: BATCH, signer: logKey, origin: ORIGIN, event: (i) => (i === 30 ? backdated(i) : syntheticEvent(i)) });
    const cp = forged.checkpoints.at(-1)!;
    const lines = [3, 30].map((i) => exportEventLine(i === 30 ? backdated(i) : syntheticEvent(i), { leafIndex: i, proof: inclusionProof(forged.leafHashes, i, COUNT) }));
    expect((await verify([header, exportCheckpointLine(cp), ...lines])).ok).toBe(true);
    expectFailure(await verify([header, exportCheckpointLine(cp), ...lines], { maxSealDelayMs: 60_000 }), "sealed-late", 30, seqOf(30));
    const smaller = forged.checkpoints[0]!;
    expectFailure(await verify([header, exportCheckpointLine(smaller), exportEventLine(syntheticEvent(3), { leafIndex: 3, proof: inclusionProof(forged.leafHashes, 3, BATCH) }), exportEventLine(backdated(30), { leafIndex: 30 })], { maxSealDelayMs: 60_000 }), "sealed-late", 30, seqOf(30));
  });
});
