import { type JsonValue, canonicalJson } from "../events/canonical-json";
import { NoteError, type VerifierKey, openNote, signNote } from "../checkpoints/signed-note";
import type { SigningKey } from "../checkpoints/signing-key";

// The signed manifest of an export: what range it covers, how many events, the SHA-256 of the
// exact bytes sent, and the checkpoint it is consistent with. It is a C2SP signed note under
// the log's own key, so the same public key that verifies checkpoints verifies it — and a CSV,
// which cannot carry proofs, is tied to the log by its hash. One field per line:
//
//   <origin> export manifest
//   export <uuid>
//   exported-at <ISO time>
//   format jsonl|csv
//   scope contiguous|filtered
//   filter <RFC 8785 JSON of the filters, or "none">
//   events <count>
//   seqs <first>-<last> | none        (in file order)
//   leaves <first>-<last> | none
//   checkpoint <tree size> <base64 root> | none
//   sha256 <hex of the file>

export interface ExportManifest {
  origin: string;
  exportId: string;
  exportedAt: string;
  format: "jsonl" | "csv";
  scope: "contiguous" | "filtered";
  filter: JsonValue | null;
  events: number;
  seqs: [string, string] | null;
  leaves: [number, number] | null;
  checkpoint: { size: number; rootHash: string } | null;
  sha256: string;
}

const TITLE = " export manifest";

export function formatManifest(m: ExportManifest): string {
  const range = (r: readonly [unknown, unknown] | null) => (r ? `${String(r[0])}-${String(r[1])}` : "none");
  return [
    `${m.origin}${TITLE}`,
    `export ${m.exportId}`,
    `exported-at ${m.exportedAt}`,
    `format ${m.format}`,
    `scope ${m.scope}`,
    `filter ${m.filter === null ? "none" : canonicalJson(m.filter)}`,
    `events ${m.events}`,
    `seqs ${range(m.seqs)}`,
    `leaves ${range(m.leaves)}`,
    `checkpoint ${m.checkpoint ? `${m.checkpoint.size} ${m.checkpoint.rootHash}` : "none"}`,
    `sha256 ${m.sha256}`,
  ].join("\n") + "\n";
}

export function signManifest(m: ExportManifest, signer: Pick<SigningKey, "keyName" | "privateKey">): string {
  return signNote(formatManifest(m), { name: signer.keyName, privateKey: signer.privateKey });
}

/** Verifies the manifest's signature and reads it. Throws NoteError when either fails. */
export function openManifest(note: string, verifierKey: string | VerifierKey): ExportManifest {
  const body = openNote(note, verifierKey);
  const bad = (why: string) => new NoteError("malformed", `manifest: ${why}`);
  const lines = body.slice(0, -1).split("\n");
  const title = lines.shift() ?? "";
  if (!title.endsWith(TITLE)) throw bad("not an export manifest");
  const fields = new Map(lines.map((line) => [line.slice(0, line.indexOf(" ")), line.slice(line.indexOf(" ") + 1)]));
  const get = (key: string) => {
    const value = fields.get(key);
    if (value === undefined) throw bad(`no ${key} line`);
    return value;
  };
  const range = (text: string) => (text === "none" ? null : (text.split("-") as [string, string]));
  const format = get("format");
  const scope = get("scope");
  if (format !== "jsonl" && format !== "csv") throw bad("format must be jsonl or csv");
  if (scope !== "contiguous" && scope !== "filtered") throw bad("bad scope");
  const filter = get("filter");
  const leaves = range(get("leaves"));
  const checkpoint = get("checkpoint");
  const [size, rootHash] = checkpoint.split(" ");
  return {
    origin: title.slice(0, -TITLE.length),
    exportId: get("export"),
    exportedAt: get("exported-at"),
    format,
    scope,
    filter: filter === "none" ? null : (JSON.parse(filter) as JsonValue),
    events: Number(get("events")),
    seqs: range(get("seqs")),
    leaves: leaves ? [Number(leaves[0]), Number(leaves[1])] : null,
    checkpoint: checkpoint === "none" ? null : { size: Number(size), rootHash: rootHash ?? "" },
    sha256: get("sha256"),
  };
}
