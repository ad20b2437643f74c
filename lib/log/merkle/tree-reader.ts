import { type Queryable, toSafeNumber } from "../events/event-rows";
import { type LeafSource, consistencyProof, inclusionProof, subtreeRoot } from "./merkle";
import type { FrontierJson } from "./merkle-frontier";
import { HASH_SIZE } from "./merkle-hash";
import { MIN_CACHED_LEVEL } from "../sealer/seal-pending-events";

// Proofs from the stored tree. The proof builders in merkle.ts read the tree synchronously
// through a LeafSource; this runs them against maps filled from audit_subtree (perfect
// subtrees of 2^4 leaves and up) and audit_leaf, fetching whatever a pass asked for and was
// missing, then running again. Two passes are usual: the first learns which O(log n) subtree
// roots and which few leaves below level 4 the proofs touch, the second has them all. A proof
// over millions of leaves so costs two small queries instead of a rehash of the tree.

const PLACEHOLDER = Buffer.alloc(HASH_SIZE);
const MAX_PASSES = 64;

export class TreeReader {
  readonly #leaves = new Map<number, Buffer>();
  readonly #subtrees = new Map<string, Buffer | null>();

  constructor(readonly db: Queryable) {}

  /** Inclusion proofs for several leaves in the tree of `treeSize`, fetched together. */
  async inclusionProofs(indices: readonly number[], treeSize: number): Promise<Buffer[][]> {
    return this.#compute((src) => indices.map((i) => inclusionProof(src, i, treeSize)));
  }

  async consistencyProof(fromSize: number, toSize: number): Promise<Buffer[]> {
    return this.#compute((src) => consistencyProof(src, fromSize, toSize));
  }

  /** The tree's right edge after `size` leaves, for an export that starts there. */
  async frontierAt(size: number): Promise<FrontierJson> {
    const hashes = await this.#compute((src) => {
      const out: Buffer[] = [];
      let start = 0;
      for (let step = 2 ** Math.floor(Math.log2(Math.max(size, 1))); step >= 1; step /= 2) {
        if (size - start >= step) {
          out.push(subtreeRoot(src, start, start + step));
          start += step;
        }
      }
      return out;
    });
    return { size, hashes: hashes.map((h) => h.toString("base64")) };
  }

  async #compute<T>(build: (src: LeafSource) => T): Promise<T> {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const wantLeaves = new Set<number>();
      const wantSubtrees: [number, number][] = [];
      const result = build({
        leaf: (i) => {
          const hash = this.#leaves.get(i);
          if (hash) return hash;
          wantLeaves.add(i);
          return PLACEHOLDER;
        },
        perfectSubtree: (level, index) => {
          if (level < MIN_CACHED_LEVEL) return undefined;
          const key = `${level}:${index}`;
          const cached = this.#subtrees.get(key);
          if (cached !== undefined) return cached ?? undefined; // null: not cached, recurse
          wantSubtrees.push([level, index]);
          return PLACEHOLDER;
        },
      });
      if (wantLeaves.size === 0 && wantSubtrees.length === 0) return result;
      await Promise.all([this.#fetchLeaves([...wantLeaves]), this.#fetchSubtrees(wantSubtrees)]);
    }
    throw new Error("proof building did not converge: the stored tree is incomplete");
  }

  async #fetchLeaves(indices: number[]): Promise<void> {
    if (indices.length === 0) return;
    const rows = await this.db.query<{ leaf_index: string; leaf_hash: Buffer }>(
      "SELECT leaf_index::text, leaf_hash FROM audit_leaf WHERE leaf_index = ANY($1::bigint[])",
      [indices.map(String)],
    );
    for (const row of rows.rows) this.#leaves.set(toSafeNumber(row.leaf_index, "leaf index"), row.leaf_hash);
    const missing = indices.find((i) => !this.#leaves.has(i));
    if (missing !== undefined) throw new Error(`leaf ${missing} is not in audit_leaf`);
  }

  async #fetchSubtrees(wanted: [number, number][]): Promise<void> {
    if (wanted.length === 0) return;
    const rows = await this.db.query<{ level: number; idx: string; hash: Buffer }>(
      `SELECT s.level, s.idx::text, s.hash FROM audit_subtree s
        JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON s.level = w.level AND s.idx = w.idx`,
      [wanted.map(([level]) => level), wanted.map(([, index]) => String(index))],
    );
    for (const [level, index] of wanted) this.#subtrees.set(`${level}:${index}`, null);
    for (const row of rows.rows) this.#subtrees.set(`${row.level}:${row.idx}`, row.hash);
  }
}
