import { type KeyObject, createHash, createPublicKey, sign, verify } from "node:crypto";

// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys — the envelope Go's sumdb,
// Sigstore and the transparency-dev witnesses use for checkpoints, so our checkpoints can be
// checked by their tools and not only ours. A note is
//
//   <text ending in \n>\n
//   — <key name> <base64(4-byte key id ‖ 64-byte Ed25519 signature over the text)>\n
//   …more signature lines…
//
// The key id is SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]; it lets a verifier find its own
// signature among several and binds the signature to the key *name* as well as the key.
// Signatures by keys the verifier does not know are ignored (witnesses may cosign), but a
// signature that claims to be by the verifier's key and does not verify rejects the note.

export const ED25519_SIGNATURE_TYPE = 0x01;
const EM_DASH_PREFIX = "\u2014 ";
const MAX_NOTE_LENGTH = 1 << 20;
const MAX_SIGNATURES = 100;

export type NoteProblem = "malformed" | "unknown-key" | "bad-signature" | "wrong-origin";

export class NoteError extends Error {
  constructor(
    readonly problem: NoteProblem,
    message: string,
  ) {
    super(message);
    this.name = "NoteError";
  }
}

export interface VerifierKey {
  name: string;
  keyId: number;
  publicKey: KeyObject;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  signature: Buffer;
}

/** A note split into its text and signature lines — syntax only, nothing verified yet. */
export interface ParsedNote {
  body: string;
  signatures: NoteSignature[];
}

/** The 32 raw bytes of an Ed25519 public key. */
export function rawEd25519PublicKey(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== "ed25519") throw new TypeError("expected an Ed25519 key");
  const jwk = publicKey.export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url");
}

/** The C2SP key id of an Ed25519 key: SHA-256(name ‖ \n ‖ 0x01 ‖ key)[:4] as a uint32. */
export function keyIdFor(name: string, rawPublicKey: Uint8Array): number {
  const digest = createHash("sha256")
    .update(name, "utf8")
    .update(Buffer.from([0x0a, ED25519_SIGNATURE_TYPE]))
    .update(rawPublicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** The verifier key text `<name>+<hex key id>+<base64(0x01 ‖ key)>` that auditors are given. */
export function verifierKeyString(name: string, publicKey: KeyObject | Uint8Array): string {
  assertKeyName(name);
  const raw = publicKey instanceof Uint8Array ? publicKey : rawEd25519PublicKey(publicKey);
  if (raw.length !== 32) throw new TypeError("an Ed25519 public key is 32 bytes");
  const id = keyIdFor(name, raw).toString(16).padStart(8, "0");
  return `${name}+${id}+${Buffer.concat([Buffer.from([ED25519_SIGNATURE_TYPE]), raw]).toString("base64")}`;
}

/** Parses and checks a verifier key string; throws NoteError("malformed") if anything is off. */
export function parseVerifierKey(text: string): VerifierKey {
  const bad = (why: string) => new NoteError("malformed", `verifier key: ${why}`);
  const trimmed = text.trim(); // a key pasted from a file usually brings its newline
  const plus = trimmed.indexOf("+");
  const name = trimmed.slice(0, plus);
  const idHex = trimmed.slice(plus + 1, plus + 9);
  const keyB64 = trimmed.slice(plus + 10);
  if (plus <= 0 || trimmed[plus + 9] !== "+") throw bad("expected <name>+<key id>+<key>");
  if (!isKeyName(name)) throw bad("invalid key name");
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw bad("key id must be 8 lower-case hex digits");
  const key = decodeBase64(keyB64);
  if (!key || key.length !== 33 || key[0] !== ED25519_SIGNATURE_TYPE) throw bad("not an Ed25519 key");
  const raw = key.subarray(1);
  const keyId = keyIdFor(name, raw);
  if (keyId !== Number.parseInt(idHex, 16)) throw bad("key id does not match the name and key");
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
  return { name, keyId, publicKey };
}

/** Signs `body` (which must end in a newline) and returns the complete note. */
export function signNote(body: string, signer: { name: string; privateKey: KeyObject }): string {
  assertKeyName(signer.name);
  assertNoteText(body);
  const publicKey = createPublicKey(signer.privateKey);
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(keyIdFor(signer.name, rawEd25519PublicKey(publicKey)));
  const signature = sign(null, Buffer.from(body, "utf8"), signer.privateKey);
  return `${body}\n${EM_DASH_PREFIX}${signer.name} ${Buffer.concat([keyId, signature]).toString("base64")}\n`;
}

/** Splits a note into text and signatures, checking syntax only. Throws NoteError("malformed"). */
export function parseNote(note: string): ParsedNote {
  if (note.length > MAX_NOTE_LENGTH) throw new NoteError("malformed", "note is too long");
  assertNoteText(note);
  // Signature lines never contain a blank line, so the last one ends the text (as Go's note.Open).
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new NoteError("malformed", "note has no signature block");
  const body = note.slice(0, split + 1);
  if (body === "\n") throw new NoteError("malformed", "note text is empty");
  const lines = note.slice(split + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new NoteError("malformed", "note has too many signatures");
  const signatures = lines.map((line) => {
    const bad = () => new NoteError("malformed", `malformed signature line: ${JSON.stringify(line.slice(0, 80))}`);
    if (!line.startsWith(EM_DASH_PREFIX)) throw bad();
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(" ");
    const name = rest.slice(0, space);
    const blob = decodeBase64(rest.slice(space + 1));
    if (space <= 0 || !isKeyName(name) || !blob || blob.length < 5) throw bad();
    return { name, keyId: blob.readUInt32BE(0), signature: blob.subarray(4) };
  });
  return { body, signatures };
}

/**
 * Verifies the note's signature by `verifierKey` and returns the signed text. Throws NoteError
 * naming the problem: "malformed", "unknown-key" (nothing signed by that key) or "bad-signature".
 */
export function openNote(note: string, verifierKey: string | VerifierKey): string {
  const key = typeof verifierKey === "string" ? parseVerifierKey(verifierKey) : verifierKey;
  const { body, signatures } = parseNote(note);
  const ours = signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (ours.length === 0) {
    const by = signatures.map((s) => `${s.name}+${s.keyId.toString(16).padStart(8, "0")}`).join(", ");
    throw new NoteError("unknown-key", `note is not signed by ${key.name}+${key.keyId.toString(16).padStart(8, "0")} (signed by ${by})`);
  }
  const message = Buffer.from(body, "utf8");
  for (const s of ours) {
    if (s.signature.length !== 64 || !verify(null, message, key.publicKey, s.signature)) {
      throw new NoteError("bad-signature", `signature by ${key.name} does not verify`);
    }
  }
  return body;
}

function isKeyName(name: string): boolean {
  // Non-empty, and free of spaces (which delimit signature lines) and "+" (which delimits keys).
  return name.length > 0 && !/[\s+]/u.test(name) && name.isWellFormed();
}

function assertKeyName(name: string) {
  if (!isKeyName(name)) throw new NoteError("malformed", `invalid key name ${JSON.stringify(name)}`);
}

function assertNoteText(text: string) {
  if (!text.endsWith("\n") || text === "\n") throw new NoteError("malformed", "note text must be non-empty and end with a newline");
  if (!text.isWellFormed()) throw new NoteError("malformed", "note is not valid UTF-8");
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError("malformed", "note contains a control character");
}

/**
 * Strict standard base64 (RFC 4648 §4, padded). Buffer.from alone skips junk characters and
 * accepts base64url, so only text that re-encodes to itself is accepted.
 */
export function decodeBase64(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, "base64");
  return bytes.toString("base64") === text ? bytes : undefined;
}

// Checkpoints (https://c2sp.org/tlog-checkpoint): the signed text of a log's state is
//   <origin>\n<tree size in decimal>\n<base64 root hash>\n[extension lines…]
// The origin names the log, so a checkpoint of one log cannot be passed off as another's even
// if both share a key.

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Buffer;
  extensions: string[];
}

export function formatCheckpoint(checkpoint: { origin: string; size: number; rootHash: Uint8Array; extensions?: readonly string[] }): string {
  const { origin, size, rootHash, extensions = [] } = checkpoint;
  if (!origin || origin.includes("\n")) throw new NoteError("malformed", "checkpoint origin must be one non-empty line");
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError("malformed", "checkpoint size must be a non-negative integer");
  if (rootHash.length !== 32) throw new NoteError("malformed", "checkpoint root must be a 32-byte hash");
  if (extensions.some((line) => !line || line.includes("\n"))) throw new NoteError("malformed", "extension lines must be non-empty single lines");
  return [origin, String(size), Buffer.from(rootHash).toString("base64"), ...extensions].join("\n") + "\n";
}

/** Parses checkpoint text (the body of a note, not the note). Throws NoteError("malformed"). */
export function parseCheckpoint(body: string): Checkpoint {
  const lines = body.split("\n");
  const [origin, sizeText, rootText] = lines;
  const bad = (why: string) => new NoteError("malformed", `checkpoint: ${why}`);
  if (lines.pop() !== "" || lines.length < 3 || !origin) throw bad("expected origin, size and root lines ending in a newline");
  // Decimal without leading zeros, as the spec requires, so each size has exactly one spelling.
  if (!sizeText || !/^(0|[1-9][0-9]*)$/.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw bad("bad tree size");
  const rootHash = decodeBase64(rootText ?? "");
  if (!rootHash || rootHash.length !== 32) throw bad("root hash must be base64 of 32 bytes");
  const extensions = lines.slice(3);
  if (extensions.some((line) => line === "")) throw bad("empty extension line");
  return { origin, size: Number(sizeText), rootHash, extensions };
}

/** Verifies a checkpoint note with `verifierKey` and, when given, that it is for `origin`. */
export function openCheckpoint(note: string, verifierKey: string | VerifierKey, origin?: string): Checkpoint {
  const checkpoint = parseCheckpoint(openNote(note, verifierKey));
  if (origin !== undefined && checkpoint.origin !== origin) {
    throw new NoteError("wrong-origin", `checkpoint is for log ${JSON.stringify(checkpoint.origin)}, not ${JSON.stringify(origin)}`);
  }
  return checkpoint;
}
