import { createHash } from "node:crypto";
import { NoteError, type VerifierKey, openNote, signNote } from "../checkpoints/signed-note";
import type { SigningKey } from "../checkpoints/signing-key";

// A disclosure package's files and how they are tied to the log (ADR 028). The ZIP holds:
//   cover-letter.pdf   the letter and the record listing, for people
//   records.jsonl      one disclosed message per line, in the EXPORT event's order
//   export-proof.json  the EXPORT event's canonical JSON, its inclusion proof and the signed checkpoint
//   manifest.json      every other file's name, size and SHA-256, the package and its event
//   manifest.sig       a C2SP signed note, under the log's own Ed25519 key, over manifest.json's SHA-256
// So the public key that verifies checkpoints verifies a package, and `audit:verify --package`
// needs nothing else: no database, no network.

export const PACKAGE_FORMAT = "custody-disclosure-package";
export const PACKAGE_VERSION = 1;
export const FILES = { cover: "cover-letter.pdf", records: "records.jsonl", proof: "export-proof.json", manifest: "manifest.json", signature: "manifest.sig" } as const;

export type PackageFile = { name: string; size: number; sha256: string };

export interface DisclosureManifest {
  format: typeof PACKAGE_FORMAT;
  version: typeof PACKAGE_VERSION;
  origin: string;
  packageId: string;
  request: { id: string; number: number; reference: string; authority: string };
  builtAt: string;
  builtBy: string;
  exportEventSeq: string;
  messages: number;
  files: PackageFile[];
}

export interface InclusionProofFile {
  type: "custody-inclusion-proof";
  version: 1;
  seq: string;
  leafIndex: number;
  treeSize: number;
  /** The event exactly as its leaf commits to it (RFC 8785 JSON). */
  event: string;
  /** Audit path, base64 hashes (RFC 6962 §2.1.1). */
  proof: string[];
  /** The signed checkpoint (C2SP signed note) of size treeSize. */
  checkpoint: string;
}

const TITLE = " disclosure manifest";

export const sha256Hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

function signedBody(origin: string, packageId: string, manifestSha256: string): string {
  return `${origin}${TITLE}\npackage ${packageId}\nsha256 ${manifestSha256}\n`;
}

/** The detached signature of manifest.json's exact bytes. */
export function signPackageManifest(manifestBytes: Uint8Array, m: Pick<DisclosureManifest, "origin" | "packageId">, signer: Pick<SigningKey, "keyName" | "privateKey">): string {
  return signNote(signedBody(m.origin, m.packageId, sha256Hex(manifestBytes)), { name: signer.keyName, privateKey: signer.privateKey });
}

/** Verifies manifest.sig over manifest.json and reads the manifest. Throws NoteError naming the problem. */
export function openPackageManifest(manifestBytes: Uint8Array, signature: string, verifierKey: string | VerifierKey): DisclosureManifest {
  const body = openNote(signature, verifierKey);
  const m = JSON.parse(Buffer.from(manifestBytes).toString("utf8")) as DisclosureManifest;
  if (m.format !== PACKAGE_FORMAT || m.version !== PACKAGE_VERSION) throw new NoteError("malformed", "manifest.json is not a disclosure manifest of a known version");
  if (body !== signedBody(m.origin, m.packageId, sha256Hex(manifestBytes))) throw new NoteError("bad-signature", "manifest.sig does not sign this manifest.json");
  return m;
}
