import { type KeyObject, createHash, createPublicKey, sign, verify } from "node:crypto";
import { NoteError, decodeBase64, parseNote, rawEd25519PublicKey } from "../checkpoints/signed-note";

// C2SP tlog-cosignature, the Ed25519 `cosignature/v1` type (https://c2sp.org/tlog-cosignature).
// A witness's cosignature is a note signature line on the log's checkpoint:
//
//   — <witness name> base64(key id[4] ‖ timestamp[8, big-endian, POSIX seconds] ‖ Ed25519 signature[64])
//
// signed over "cosignature/v1\ntime <timestamp>\n" followed by the whole checkpoint text. The key
// id uses signature type 0x04 (the log's own Ed25519 note signatures use 0x01), so a cosigner
// key can never be mistaken for a log key and the reverse. Go's x/mod sumdb/note does not know
// this type and ignores such lines, as it must ignore signatures by keys it was not given.

export const COSIGNATURE_V1_TYPE = 0x04;
const HEADER = "cosignature/v1\n";
const EM_DASH_PREFIX = "\u2014 ";
const MAX_TIMESTAMP = 2n ** 63n - 1n;

export interface CosignerKey {
  name: string;
  keyId: number;
  publicKey: KeyObject;
  /** The vkey text `<name>+<hex id>+<base64(0x04 ‖ key)>`. */
  vkey: string;
}

export interface Cosignature {
  name: string;
  keyId: number;
  /** POSIX seconds at which the witness signed. */
  timestamp: number;
  signature: Buffer;
  /** The note signature line, without its newline. */
  line: string;
}

/** SHA-256(name ‖ \n ‖ 0x04 ‖ key)[:4] as a uint32. */
export function cosignerKeyId(name: string, rawPublicKey: Uint8Array): number {
  return createHash("sha256").update(name, "utf8").update(Buffer.from([0x0a, COSIGNATURE_V1_TYPE])).update(rawPublicKey).digest().readUInt32BE(0);
}

export function cosignerVerifierKey(name: string, publicKey: KeyObject | Uint8Array): string {
  if (!isKeyName(name)) throw new NoteError("malformed", `invalid cosigner name ${JSON.stringify(name)}`);
  const raw = publicKey instanceof Uint8Array ? Buffer.from(publicKey) : rawEd25519PublicKey(publicKey);
  if (raw.length !== 32) throw new TypeError("an Ed25519 public key is 32 bytes");
  const id = cosignerKeyId(name, raw).toString(16).padStart(8, "0");
  return `${name}+${id}+${Buffer.concat([Buffer.from([COSIGNATURE_V1_TYPE]), raw]).toString("base64")}`;
}

/** Parses a cosigner vkey (type 0x04). Throws NoteError("malformed"). */
export function parseCosignerKey(text: string): CosignerKey {
  const bad = (why: string) => new NoteError("malformed", `witness key: ${why}`);
  const vkey = text.trim();
  // Base64 may itself contain "+", so split at the first one and take the fixed-width id.
  const plus = vkey.indexOf("+");
  const name = vkey.slice(0, plus);
  const idHex = vkey.slice(plus + 1, plus + 9);
  const keyB64 = vkey.slice(plus + 10);
  if (plus <= 0 || vkey[plus + 9] !== "+") throw bad("expected <name>+<key id>+<key>");
  if (!isKeyName(name)) throw bad("invalid key name");
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw bad("key id must be 8 lower-case hex digits");
  const key = decodeBase64(keyB64);
  if (!key || key.length !== 33) throw bad("not an Ed25519 key");
  if (key[0] !== COSIGNATURE_V1_TYPE) throw bad(`signature type 0x${key[0]!.toString(16).padStart(2, "0")} is not cosignature/v1 (0x04)`);
  const raw = key.subarray(1);
  const keyId = cosignerKeyId(name, raw);
  if (keyId !== Number.parseInt(idHex, 16)) throw bad("key id does not match the name and key");
  const publicKey = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
  return { name, keyId, publicKey, vkey };
}

/** The message a cosignature signs: the two header lines and the checkpoint text. */
export function cosignedMessage(checkpointBody: string, timestamp: number): Buffer {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError("a cosignature timestamp is a non-negative integer");
  if (!checkpointBody.endsWith("\n")) throw new NoteError("malformed", "checkpoint text must end with a newline");
  return Buffer.from(`${HEADER}time ${timestamp}\n${checkpointBody}`, "utf8");
}

/** Cosigns a checkpoint text; returns the signature line (no newline). */
export function cosign(checkpointBody: string, signer: { name: string; privateKey: KeyObject }, timestamp: number): string {
  const raw = rawEd25519PublicKey(createPublicKey(signer.privateKey));
  const head = Buffer.alloc(12);
  head.writeUInt32BE(cosignerKeyId(signer.name, raw), 0);
  head.writeBigUInt64BE(BigInt(timestamp), 4);
  const signature = sign(null, cosignedMessage(checkpointBody, timestamp), signer.privateKey);
  return `${EM_DASH_PREFIX}${signer.name} ${Buffer.concat([head, signature]).toString("base64")}`;
}

/** Splits one signature line into a cosignature candidate, or undefined if it is not 4+8+64 bytes. */
export function parseCosignatureLine(line: string): Cosignature | undefined {
  if (!line.startsWith(EM_DASH_PREFIX)) return undefined;
  const rest = line.slice(EM_DASH_PREFIX.length);
  const space = rest.indexOf(" ");
  if (space <= 0) return undefined;
  const name = rest.slice(0, space);
  const blob = decodeBase64(rest.slice(space + 1));
  if (!isKeyName(name) || !blob || blob.length !== 4 + 8 + 64) return undefined;
  const ts = blob.readBigUInt64BE(4);
  if (ts > MAX_TIMESTAMP || ts > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return { name, keyId: blob.readUInt32BE(0), timestamp: Number(ts), signature: blob.subarray(12), line };
}

/**
 * The valid cosignatures on `checkpointBody` among `lines` by the given witness keys. Lines by
 * other keys are ignored (the log's own signature, unknown witnesses); a line that claims one of
 * these keys and does not verify throws NoteError("bad-signature"), as a note verifier does.
 */
export function verifyCosignatures(checkpointBody: string, lines: readonly string[], keys: readonly CosignerKey[], opts: { now?: number; maxFutureSeconds?: number } = {}): Cosignature[] {
  const valid: Cosignature[] = [];
  const maxTs = opts.now === undefined ? Infinity : opts.now + (opts.maxFutureSeconds ?? 300);
  for (const line of lines) {
    const c = parseCosignatureLine(line);
    if (!c) continue;
    const key = keys.find((k) => k.name === c.name && k.keyId === c.keyId);
    if (!key) continue;
    if (c.timestamp > maxTs || !verify(null, cosignedMessage(checkpointBody, c.timestamp), key.publicKey, c.signature)) {
      throw new NoteError("bad-signature", `cosignature by ${key.name} does not verify`);
    }
    if (!valid.some((v) => v.name === c.name && v.keyId === c.keyId)) valid.push(c);
  }
  return valid;
}

/** The valid cosignatures in a whole note (checkpoint text plus signature lines). */
export function noteCosignatures(note: string, keys: readonly CosignerKey[]): Cosignature[] {
  const { body } = parseNote(note);
  const lines = note.slice(body.length + 1, -1).split("\n");
  return verifyCosignatures(body, lines, keys);
}

function isKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name) && name.isWellFormed();
}
