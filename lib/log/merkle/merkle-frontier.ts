import { EMPTY_ROOT, HASH_SIZE, nodeHash } from "./merkle-hash";

// The right edge of an RFC 6962 tree, also called a compact range: the roots of the perfect
// subtrees that the first `size` leaves decompose into, one per set bit of `size`, largest
// (leftmost) first. It is all a sealer or a verifier needs to keep to append the next leaf in
// O(log n) and compute the current root, so neither ever holds or rebuilds the whole tree.
// Appending is binary addition: the new leaf is a carry that merges with each equal-sized
// subtree on the right until it meets a free slot.

/** Told of each perfect subtree an append completes: 2^level leaves starting at index·2^level. */
export type SubtreeListener = (level: number, index: number, hash: Uint8Array) => void;

/** How a frontier is persisted: hashes are base64, largest subtree first. */
export interface FrontierJson {
  size: number;
  hashes: string[];
}

export class MerkleFrontier {
  #size = 0;
  #hashes: Uint8Array[] = [];

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /** The perfect-subtree roots, largest first (shared; do not mutate). */
  get hashes(): readonly Uint8Array[] {
    return this.#hashes;
  }

  /**
   * Appends one leaf hash. The frontier keeps a reference to it rather than a copy (the
   * verifier appends a million fresh hashes; copying each would double the allocations), so
   * do not reuse the buffer afterwards.
   */
  append(leafHash: Uint8Array, onSubtree?: SubtreeListener): void {
    if (leafHash.length !== HASH_SIZE) throw new RangeError("a leaf hash must be 32 bytes");
    let node = leafHash;
    let level = 0;
    // Each trailing 1 bit of the old size is a subtree of the same height as `node`: merge.
    for (let s = this.#size; s % 2 === 1; s = Math.floor(s / 2)) {
      node = nodeHash(this.#hashes.pop()!, node);
      level++;
      // The merged node is the root of the perfect subtree of 2^level leaves that this leaf
      // completes; the sealer stores such roots so that proofs need not rehash them.
      onSubtree?.(level, (this.#size + 1) / 2 ** level - 1, node);
    }
    this.#hashes.push(node);
    this.#size += 1;
  }

  /** MTH of all leaves appended so far: the subtree roots folded right to left. */
  root(): Buffer {
    const hashes = this.#hashes;
    let i = hashes.length - 1;
    if (i < 0) return EMPTY_ROOT;
    let root: Buffer = Buffer.from(hashes[i]!);
    while (--i >= 0) root = nodeHash(hashes[i]!, root);
    return root;
  }

  clone(): MerkleFrontier {
    return MerkleFrontier.#of(this.#size, [...this.#hashes]);
  }

  toJSON(): FrontierJson {
    return { size: this.#size, hashes: this.#hashes.map((h) => Buffer.from(h).toString("base64")) };
  }

  /** Restores a persisted frontier, refusing one whose shape cannot belong to its size. */
  static fromJSON(json: unknown): MerkleFrontier {
    if (typeof json !== "object" || json === null) throw new TypeError("frontier must be an object");
    const { size, hashes } = json as Partial<Record<keyof FrontierJson, unknown>>;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
      throw new TypeError("frontier size must be a non-negative integer");
    }
    if (!Array.isArray(hashes) || hashes.length !== bitCount(size)) {
      throw new TypeError(`a frontier of size ${size} has exactly ${bitCount(size)} hashes`);
    }
    const decoded = hashes.map((h: unknown) => {
      const bytes = typeof h === "string" ? Buffer.from(h, "base64") : undefined;
      if (!bytes || bytes.length !== HASH_SIZE || bytes.toString("base64") !== h) {
        throw new TypeError("frontier hashes must be base64 of 32 bytes");
      }
      return bytes;
    });
    return MerkleFrontier.#of(size, decoded);
  }

  static #of(size: number, hashes: Uint8Array[]): MerkleFrontier {
    const frontier = new MerkleFrontier();
    frontier.#size = size;
    frontier.#hashes = hashes;
    return frontier;
  }
}

/** Set bits of n, counted arithmetically so sizes past 2^32 work. */
function bitCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) count += x % 2;
  return count;
}
