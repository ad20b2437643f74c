import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { openCheckpoint } from "../checkpoints/signed-note";
import { leafHashOfText } from "../merkle/merkle-hash";
import { verifyInclusion } from "../merkle/merkle-verify";
import { FILES, type InclusionProofFile, openPackageManifest, sha256Hex } from "./package-format";

// `audit:verify --package`: a disclosure package checked offline with the log's public key
// (ADR 028). In order: manifest.sig signs manifest.json; every file has the size and SHA-256 the
// manifest gives and no file is unlisted; the EXPORT event in export-proof.json is included in
// the tree of a checkpoint signed by the same key; that event is this package's, and
// records.jsonl holds exactly the messages it names, in its order. Each failure names its kind.

export type PackageProblemKind = "zip" | "manifest-signature" | "file-hash" | "unlisted-file" | "proof" | "event" | "records";

export type PackageVerifyResult =
  | { ok: true; packageId: string; requestNumber: number; messages: number; exportEventSeq: string; treeSize: number; files: number }
  | { ok: false; kind: PackageProblemKind; problem: string };

const SMALL_FILES = new Set<string>([FILES.manifest, FILES.signature, FILES.proof]);
const MAX_SMALL_BYTES = 16 * 1024 * 1024;

type Seen = { size: number; sha256: string; bytes?: Buffer };

class Problem extends Error {
  constructor(
    readonly kind: PackageProblemKind,
    message: string,
  ) {
    super(message);
  }
}

/** Reads every entry once: small ones kept, the rest hashed as they stream; records' ids hashed in order. */
async function readZip(file: string): Promise<{ entries: Map<string, Seen>; recordIds: { count: number; sha256: string } }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (e, z) => (e ? reject(e) : resolve(z))));
  const entries = new Map<string, Seen>();
  const ids = createHash("sha256");
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (entries.has(entry.fileName)) return reject(new Problem("zip", `${entry.fileName} appears twice`));
        zip.openReadStream(entry, (e, stream) => {
          if (e) return reject(e);
          void consume(entry.fileName, stream)
            .then((seen) => {
              entries.set(entry.fileName, seen);
              zip.readEntry();
            })
            .catch(reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries, recordIds: { count, sha256: ids.digest("hex") } };

  async function consume(name: string, stream: Readable): Promise<Seen> {
    const hash = createHash("sha256");
    const keep: Buffer[] = [];
    let size = 0;
    let partial = "";
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      if (SMALL_FILES.has(name)) {
        if (size > MAX_SMALL_BYTES) throw new Problem("zip", `${name} is too large`);
        keep.push(chunk);
      }
      if (name === FILES.records) {
        const lines = (partial + chunk.toString("utf8")).split("\n");
        partial = lines.pop()!;
        for (const line of lines) recordId(line);
      }
    }
    if (name === FILES.records && partial !== "") recordId(partial);
    return { size, sha256: hash.digest("hex"), bytes: SMALL_FILES.has(name) ? Buffer.concat(keep) : undefined };
  }

  function recordId(line: string) {
    let id: unknown;
    try {
      id = (JSON.parse(line) as { id?: unknown }).id;
    } catch {
      throw new Problem("records", `${FILES.records} line ${count + 1} is not JSON`);
    }
    if (typeof id !== "string") throw new Problem("records", `${FILES.records} line ${count + 1} has no message id`);
    ids.update(`${id}\n`);
    count++;
  }
}

/** `verifierKeys`: the log's key, or its keys across rotations (any one of them may have signed). */
export async function verifyDisclosurePackage(file: string, verifierKeys: string | readonly string[]): Promise<PackageVerifyResult> {
  try {
    return await check(file, typeof verifierKeys === "string" ? [verifierKeys] : verifierKeys);
  } catch (error) {
    if (error instanceof Problem) return { ok: false, kind: error.kind, problem: error.message };
    return { ok: false, kind: "zip", problem: `not a readable package: ${(error as Error).message}` };
  }
}

/** The first key under which `open` succeeds, or the last key's error. */
function underAnyKey<T>(keys: readonly string[], open: (key: string) => T): T {
  let failure: unknown = new Error("no public key given");
  for (const key of keys) {
    try {
      return open(key);
    } catch (error) {
      failure = error;
    }
  }
  throw failure;
}

async function check(file: string, keys: readonly string[]): Promise<PackageVerifyResult> {
  const { entries, recordIds } = await readZip(file);
  const manifestFile = entries.get(FILES.manifest);
  const signature = entries.get(FILES.signature);
  if (!manifestFile?.bytes || !signature?.bytes) throw new Problem("manifest-signature", `${FILES.manifest} or ${FILES.signature} is missing`);
  let manifest;
  try {
    manifest = underAnyKey(keys, (key) => openPackageManifest(manifestFile.bytes!, signature.bytes!.toString("utf8"), key));
  } catch (error) {
    throw new Problem("manifest-signature", `the manifest's signature does not verify: ${(error as Error).message}`);
  }
  const listed = new Set(manifest.files.map((f) => f.name));
  for (const f of manifest.files) {
    const seen = entries.get(f.name);
    if (!seen) throw new Problem("file-hash", `${f.name} is listed in the manifest but missing`);
    if (seen.size !== f.size || seen.sha256 !== f.sha256) throw new Problem("file-hash", `${f.name} does not match the manifest: SHA-256 ${seen.sha256}, manifest says ${f.sha256}`);
  }
  for (const name of entries.keys()) {
    if (name !== FILES.manifest && name !== FILES.signature && !listed.has(name)) throw new Problem("unlisted-file", `${name} is in the package but not in the manifest`);
  }
  for (const required of [FILES.records, FILES.proof, FILES.cover]) {
    if (!listed.has(required)) throw new Problem("file-hash", `the manifest lists no ${required}`);
  }

  const proof = JSON.parse(entries.get(FILES.proof)!.bytes!.toString("utf8")) as InclusionProofFile;
  let checkpoint;
  try {
    checkpoint = underAnyKey(keys, (key) => openCheckpoint(proof.checkpoint, key, manifest.origin));
  } catch (error) {
    throw new Problem("proof", `the proof's checkpoint does not verify: ${(error as Error).message}`);
  }
  if (checkpoint.size !== proof.treeSize) throw new Problem("proof", `the proof is for a tree of ${proof.treeSize} leaves, the checkpoint has ${checkpoint.size}`);
  const path = proof.proof.map((h) => Buffer.from(h, "base64"));
  if (!verifyInclusion(leafHashOfText(proof.event), proof.leafIndex, proof.treeSize, path, checkpoint.rootHash)) {
    throw new Problem("proof", `the EXPORT event is not included at leaf ${proof.leafIndex} of the signed checkpoint of size ${checkpoint.size}`);
  }

  const event = JSON.parse(proof.event) as { seq: string; action: string; outcome: string; messageIds: string[]; details: { packageId?: string } | null };
  if (event.action !== "EXPORT" || event.outcome !== "ALLOWED") throw new Problem("event", `the proven event is ${event.action}/${event.outcome}, not an allowed EXPORT`);
  if (event.seq !== manifest.exportEventSeq || event.seq !== proof.seq) throw new Problem("event", `the proven event is seq ${event.seq}; the manifest names ${manifest.exportEventSeq}`);
  if (event.details?.packageId !== manifest.packageId) throw new Problem("event", `the proven EXPORT event is of package ${event.details?.packageId ?? "none"}, not ${manifest.packageId}`);
  const named = sha256Hex(event.messageIds.map((id) => `${id}\n`).join(""));
  if (recordIds.count !== event.messageIds.length || recordIds.sha256 !== named || manifest.messages !== event.messageIds.length) {
    throw new Problem("records", `${FILES.records} holds ${recordIds.count} messages; the EXPORT event names ${event.messageIds.length}${recordIds.count === event.messageIds.length ? ", not the same ones in the same order" : ""}`);
  }
  return { ok: true, packageId: manifest.packageId, requestNumber: manifest.request.number, messages: recordIds.count, exportEventSeq: event.seq, treeSize: checkpoint.size, files: manifest.files.length };
}
