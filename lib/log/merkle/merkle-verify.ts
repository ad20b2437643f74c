import { EMPTY_ROOT, HASH_SIZE, isPowerOfTwo, nodeHash, sameHash } from "./merkle-hash";

// Proof verification exactly as RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
// describe it. These are the iterative algorithms every CT client runs; the API route, the
// auditor's browser-side check and the offline verifier all call these same functions, so a
// proof accepted anywhere is accepted everywhere. They return false rather than throw: a bad
// proof is an expected answer, not a programming error.
//
// fn and sn are node indices that shrink by halving; "LSB set" is `% 2 === 1` and a right shift
// is `Math.floor(x / 2)`, so sizes beyond 2^31 behave like the RFC's 64-bit integers.

type Hashes = readonly Uint8Array[];

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);
const isHash = (h: Uint8Array) => h.length === HASH_SIZE;

/** Whether `proof` shows the leaf with hash `leaf` is at `index` in the tree of `treeSize` with `root`. */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: Hashes,
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize)) return false;
  if (index < 0 || index >= treeSize) return false; // step 1
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index; // step 2
  let sn = treeSize - 1;
  let r: Uint8Array = leaf; // step 3
  for (const p of proof) {
    if (sn === 0) return false; // 4a: the proof is longer than the path
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r); // 4b-i
      if (!odd(fn)) {
        // 4b-ii: fn is a right-edge node with no sibling here; climb to where it has one.
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn); // 4c
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, root); // step 5: the whole path was used and reaches the root
}

/**
 * Whether `proof` shows the tree of size `m` with `rootM` is a prefix of the tree of size `n`
 * with `rootN` — that the log only appended between the two checkpoints.
 */
export function verifyConsistency(
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: Hashes,
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (!isHash(rootM) || !isHash(rootN) || !proof.every(isHash)) return false;
  // The RFC's algorithm covers 0 < m < n. Equal sizes must have equal roots (anything else is
  // a fork) and need no proof; the empty tree is a prefix of every tree.
  if (m === n) return proof.length === 0 && sameHash(rootM, rootN);
  if (m === 0) return proof.length === 0 && sameHash(rootM, EMPTY_ROOT);
  if (proof.length === 0) return false; // step 1
  // Step 2: when m is a power of two the old root is itself a node of the new tree, and the
  // proof leaves it out because the verifier already has it.
  const path = isPowerOfTwo(m) ? [rootM, ...proof] : proof;
  let fn = m - 1; // step 3
  let sn = n - 1;
  while (odd(fn)) {
    // step 4
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!; // step 5
  let sr: Uint8Array = fr;
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false; // the proof is longer than the path
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, rootM) && sameHash(sr, rootN); // step 7
}
