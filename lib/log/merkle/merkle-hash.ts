import { Buffer } from "node:buffer";
import * as nodeCrypto from "node:crypto";

// The two hashes of the RFC 6962 / RFC 9162 tree (§2.1). Leaves and interior nodes get
// different one-byte prefixes (0x00, 0x01) so that no leaf can be passed off as an interior
// node or the reverse — the second-preimage defence CT relies on.

export const HASH_SIZE = 32;

// Node's one-shot hash() (Node ≥ 20.12) is the verifier's hot path. The auditor's event page
// runs this same code in the browser, where Next.js bundles crypto-browserify and a Buffer
// polyfill instead; that has only createHash, so fall back to it there.
const sha256: (data: string | Uint8Array) => Buffer =
  typeof nodeCrypto.hash === "function"
    ? (data) => nodeCrypto.hash("sha256", data, "buffer")
    : (data) => nodeCrypto.createHash("sha256").update(data).digest();

/** The root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = sha256("");

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_INPUT = Buffer.alloc(1 + 2 * HASH_SIZE, 0x01);

/** SHA-256(0x00 ‖ bytes). */
export function leafHash(bytes: Uint8Array): Buffer {
  return sha256(Buffer.concat([LEAF_PREFIX, bytes]));
}

/**
 * SHA-256(0x00 ‖ UTF-8(text)) without building the byte array first: U+0000 encodes as the
 * single byte 0x00, so prefixing the string is prefixing its bytes. This is the verifier's hot
 * path, where one fewer allocation per event is measurable. `text` must be well-formed UTF-16
 * (canonical JSON always is), or lone surrogates would be hashed as U+FFFD.
 */
export function leafHashOfText(text: string): Buffer {
  return sha256("\u0000" + text);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    throw new RangeError("Merkle node children must be 32-byte hashes");
  }
  // One shared scratch buffer: hashing is synchronous, so nothing can interleave with it.
  NODE_INPUT.set(left, 1);
  NODE_INPUT.set(right, 1 + HASH_SIZE);
  return sha256(NODE_INPUT);
}

/** Whether two hashes are the same bytes. Roots and proofs are public, so no constant time. */
export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** The largest power of two strictly below n (n ≥ 2): RFC 6962's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether n is 2^k. Arithmetic, not `n & (n - 1)`, which breaks past 2^31. */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let p = 1;
  while (p < n) p *= 2;
  return p === n;
}
