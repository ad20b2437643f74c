import { hash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Queryable } from "../events/event-rows";
import { consistencyProof, inclusionProof } from "./merkle";
import { MerkleFrontier } from "./merkle-frontier";
import { MIN_CACHED_LEVEL } from "../sealer/seal-pending-events";
import { TreeReader } from "./tree-reader";

// TreeReader against an in-memory stand-in for audit_leaf and audit_subtree, filled the way the
// sealer fills them: its proofs must equal merkle.ts's over the plain leaf array, for every
// shape of tree, while reading only O(log n) rows.

function storedTree(size: number) {
  const leaves = Array.from({ length: size }, (_, i) => hash("sha256", `event ${i}`, "buffer"));
  const subtrees = new Map<string, Buffer>();
  const frontier = new MerkleFrontier();
  for (const leaf of leaves) {
    frontier.append(leaf, (level, index, root) => level >= MIN_CACHED_LEVEL && subtrees.set(`${level}:${index}`, Buffer.from(root)));
  }
  let rowsRead = 0;
  let queries = 0;
  const db: Queryable = {
    query: (async (text: string, params: unknown[]) => {
      queries++;
      if (text.includes("FROM audit_leaf")) {
        const rows = (params[0] as string[]).map(Number).filter((i) => i < size).map((i) => ({ leaf_index: String(i), leaf_hash: leaves[i] }));
        rowsRead += rows.length;
        return { rows };
      }
      const [levels, idxs] = params as [number[], string[]];
      const rows = levels.flatMap((level, k) => {
        const h = subtrees.get(`${level}:${idxs[k]}`);
        return h ? [{ level, idx: idxs[k], hash: h }] : [];
      });
      rowsRead += rows.length;
      return { rows };
    }) as unknown as Queryable["query"],
  };
  return { leaves, db, stats: () => ({ rowsRead, queries }) };
}

describe("TreeReader", () => {
  it.each([1, 2, 3, 15, 16, 17, 31, 64, 100, 257, 1000, 4097])("builds the same inclusion proofs as the in-memory tree (size %i)", async (size) => {
    const { leaves, db } = storedTree(size);
    const indices = [...new Set([0, 1, Math.floor(size / 2), size - 2, size - 1].filter((i) => i >= 0 && i < size))];
    const proofs = await new TreeReader(db).inclusionProofs(indices, size);
    indices.forEach((index, k) => expect(proofs[k]).toEqual(inclusionProof(leaves, index, size)));
  });

  it.each([
    [1, 2],
    [7, 100],
    [16, 17],
    [100, 1000],
    [1000, 4097],
    [4096, 4097],
  ])("builds the same consistency proof %i → %i", async (m, n) => {
    const { leaves, db } = storedTree(n);
    expect(await new TreeReader(db).consistencyProof(m, n)).toEqual(consistencyProof(leaves, m, n));
  });

  it.each([0, 1, 16, 100, 4095])("rebuilds the frontier at %i", async (size) => {
    const { leaves, db } = storedTree(4097);
    const expected = new MerkleFrontier();
    leaves.slice(0, size).forEach((l) => expected.append(l));
    expect(await new TreeReader(db).frontierAt(size)).toEqual(expected.toJSON());
  });

  it("reads O(log n) rows for a proof over 65,536 leaves, in two rounds of queries", async () => {
    const { leaves, db, stats } = storedTree(65_536 + 123);
    const [proof] = await new TreeReader(db).inclusionProofs([40_000], leaves.length);
    expect(proof).toEqual(inclusionProof(leaves, 40_000, leaves.length));
    expect(stats().queries).toBeLessThanOrEqual(4);
    expect(stats().rowsRead).toBeLessThan(200);
  });
});
