import { EMPTY_ROOT, isPowerOfTwo, nodeHash, splitPoint } from "./merkle-hash";

// The RFC 6962 / RFC 9162 Merkle tree that makes the access log tamper-evident, as Certificate
// Transparency logs do: a signed root over n leaves commits to every one of them and to their
// order, an inclusion proof shows one event is in it, and a consistency proof shows a later tree
// only appended to an earlier one. This file builds roots and proofs from stored leaf hashes;
// the verifiers and the incremental frontier live beside it and are re-exported here so callers
// need one import.
//
// Tree sizes and indices are plain numbers (exact up to 2^53); nothing here uses 32-bit bit
// operators, so sizes beyond 2^31 still work.

export * from "./merkle-hash";
export * from "./merkle-verify";
export * from "./merkle-frontier";

/**
 * Where proof builders read the tree from: an array of leaf hashes, a function returning the
 * leaf hash at an index, or an object that can also return cached perfect subtrees. A perfect
 * subtree (2^level leaves starting at index·2^level) never changes once complete, so storage
 * may keep them and spare proofs over millions of leaves from rehashing everything.
 */
export type LeafSource =
  | readonly Uint8Array[]
  | ((index: number) => Uint8Array)
  | { leaf(index: number): Uint8Array; perfectSubtree?(level: number, index: number): Uint8Array | undefined };

type Source = { leaf(index: number): Uint8Array; perfectSubtree?(level: number, index: number): Uint8Array | undefined };

function toSource(leaves: LeafSource): Source {
  if (typeof leaves === "function") return { leaf: leaves };
  if (isLeafArray(leaves)) {
    return {
      leaf: (i) => {
        const h = leaves[i];
        if (!h) throw new RangeError(`no leaf hash at index ${i}`);
        return h;
      },
    };
  }
  return leaves;
}

function isLeafArray(leaves: LeafSource): leaves is readonly Uint8Array[] {
  return Array.isArray(leaves);
}

/** MTH(D[start:end]), the RFC 6962 tree hash of the leaves in [start, end). */
export function subtreeRoot(leaves: LeafSource, start: number, end: number): Buffer {
  assertRange(start, end);
  return mth(toSource(leaves), start, end);
}

function mth(src: Source, start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(src.leaf(start));
  if (src.perfectSubtree && isPowerOfTwo(n) && start % n === 0) {
    const cached = src.perfectSubtree(Math.log2(n), start / n);
    if (cached) return Buffer.from(cached);
  }
  const k = splitPoint(n);
  return nodeHash(mth(src, start, start + k), mth(src, start + k, end));
}

/** MTH over all the given leaf hashes. */
export function rootOf(leafHashes: readonly Uint8Array[]): Buffer {
  return subtreeRoot(leafHashes, 0, leafHashes.length);
}

/** RFC 6962 §2.1.1 PATH(index, D[0:treeSize]): sibling hashes from the leaf up to the root. */
export function inclusionProof(leaves: LeafSource, index: number, treeSize: number): Buffer[] {
  assertRange(0, treeSize);
  if (!Number.isSafeInteger(index) || index < 0 || index >= treeSize) {
    throw new RangeError(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  const src = toSource(leaves);
  const proof: Buffer[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      proof.push(mth(src, start + k, end));
    } else {
      path(m - k, start + k, end);
      proof.push(mth(src, start, start + k));
    }
  };
  path(index, 0, treeSize);
  return proof;
}

/** RFC 6962 §2.1.2 PROOF(m, D[0:n]); empty when m is 0 or m equals n. */
export function consistencyProof(leaves: LeafSource, m: number, n: number): Buffer[] {
  assertRange(0, n);
  if (!Number.isSafeInteger(m) || m < 0 || m > n) throw new RangeError(`cannot prove size ${m} consistent with ${n}`);
  if (m === 0) return [];
  const src = toSource(leaves);
  const proof: Buffer[] = [];
  // `complete` is SUBPROOF's b: whether the old root itself is known to the verifier.
  const subproof = (m: number, start: number, end: number, complete: boolean): void => {
    const size = end - start;
    if (m === size) {
      if (!complete) proof.push(mth(src, start, end));
      return;
    }
    const k = splitPoint(size);
    if (m <= k) {
      subproof(m, start, start + k, complete);
      proof.push(mth(src, start + k, end));
    } else {
      subproof(m - k, start + k, end, false);
      proof.push(mth(src, start, start + k));
    }
  };
  subproof(m, 0, n, true);
  return proof;
}

function assertRange(start: number, end: number) {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`bad leaf range [${start}, ${end})`);
  }
}
