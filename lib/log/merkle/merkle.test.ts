import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EMPTY_ROOT,
  MerkleFrontier,
  consistencyProof,
  inclusionProof,
  leafHash,
  leafHashOfText,
  nodeHash,
  rootOf,
  subtreeRoot,
  verifyConsistency,
  verifyInclusion,
} from "./merkle";

const hex = (h: Uint8Array) => Buffer.from(h).toString("hex");
const unhex = (s: string) => Buffer.from(s, "hex");

// The known-answer vectors of the Certificate Transparency reference implementation
// (merkle_tree_test.cc): eight leaf inputs, the root after each append, and some paths and
// consistency proofs. CT numbers leaves from 1 in its path vectors; below they are 0-based.
const CT_INPUTS = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"].map(unhex);
const CT_ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const CT_PATHS: { index: number; size: number; path: string[] }[] = [
  {
    index: 0,
    size: 8,
    path: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  { index: 2, size: 3, path: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
  {
    index: 1,
    size: 5,
    path: [
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
  { index: 0, size: 1, path: [] },
];
const CT_CONSISTENCY: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
      "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    ],
  },
];

const ctLeaves = CT_INPUTS.map(leafHash);

describe("Merkle tree hashing (RFC 6962 §2.1)", () => {
  it("hashes the empty tree, leaves and nodes with distinct prefixes", () => {
    expect(hex(EMPTY_ROOT)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(rootOf([])).toEqual(EMPTY_ROOT);
    expect(hex(leafHash(Buffer.alloc(0)))).toBe(createHash("sha256").update(Buffer.from([0])).digest("hex"));
    const l = leafHash(Buffer.from("l"));
    const r = leafHash(Buffer.from("r"));
    expect(nodeHash(l, r)).toEqual(createHash("sha256").update(Buffer.from([1])).update(l).update(r).digest());
    expect(() => nodeHash(l, Buffer.alloc(31))).toThrow(RangeError);
  });

  it("hashes text leaves as the UTF-8 bytes with the 0x00 prefix", () => {
    for (const text of ["", "{}", "é€😀", "\u0000x"]) expect(leafHashOfText(text)).toEqual(leafHash(Buffer.from(text)));
  });

  it("matches the CT reference roots for sizes 1 to 8, whole and incrementally", () => {
    const frontier = new MerkleFrontier();
    expect(frontier.root()).toEqual(EMPTY_ROOT);
    CT_ROOTS.forEach((root, i) => {
      expect(hex(rootOf(ctLeaves.slice(0, i + 1)))).toBe(root);
      frontier.append(ctLeaves[i]!);
      expect(hex(frontier.root())).toBe(root);
    });
  });

  it("builds the CT reference inclusion paths, and they verify", () => {
    for (const { index, size, path } of CT_PATHS) {
      const proof = inclusionProof(ctLeaves, index, size);
      expect(proof.map(hex)).toEqual(path);
      expect(verifyInclusion(ctLeaves[index]!, index, size, proof, unhex(CT_ROOTS[size - 1]!))).toBe(true);
    }
  });

  it("builds the CT reference consistency proofs, and they verify", () => {
    for (const { m, n, proof: expected } of CT_CONSISTENCY) {
      const proof = consistencyProof(ctLeaves, m, n);
      expect(proof.map(hex)).toEqual(expected);
      expect(verifyConsistency(m, n, unhex(CT_ROOTS[m - 1]!), unhex(CT_ROOTS[n - 1]!), proof)).toBe(true);
    }
  });

  it("reads leaves from an array, a function, or a source with cached perfect subtrees", () => {
    const leaves = Array.from({ length: 13 }, (_, i) => leafHash(Buffer.from([i])));
    const expected = rootOf(leaves);
    expect(subtreeRoot((i) => leaves[i]!, 0, 13)).toEqual(expected);
    const asked: string[] = [];
    const cached = {
      leaf: (i: number) => leaves[i]!,
      perfectSubtree: (level: number, index: number) => {
        asked.push(`${level}/${index}`);
        return level === 3 && index === 0 ? subtreeRoot(leaves, 0, 8) : undefined;
      },
    };
    expect(subtreeRoot(cached, 0, 13)).toEqual(expected);
    expect(asked).toContain("3/0");
    expect(inclusionProof(cached, 12, 13)).toEqual(inclusionProof(leaves, 12, 13));
    expect(() => subtreeRoot(leaves, 0, 14)).toThrow(/no leaf hash at index 13/);
    expect(() => inclusionProof(leaves, 13, 13)).toThrow(RangeError);
    expect(() => consistencyProof(leaves, 5, 4)).toThrow(RangeError);
    expect(consistencyProof(leaves, 0, 13)).toEqual([]);
  });
});

// Tree of 64 distinct leaves; every size from 1 to 64 is a prefix of it.
const N = 64;
const leaves = Array.from({ length: N }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const roots = [EMPTY_ROOT, ...Array.from({ length: N }, (_, i) => rootOf(leaves.slice(0, i + 1)))];
const root = (size: number) => roots[size]!;

function flipBit(h: Uint8Array, bit: number): Buffer {
  const copy = Buffer.from(h);
  copy[(bit >> 3) % copy.length]! ^= 1 << (bit & 7);
  return copy;
}

describe("inclusion proofs over every tree size 1..64", () => {
  it("verify for every leaf of every size", () => {
    for (let size = 1; size <= N; size++) {
      for (let i = 0; i < size; i++) {
        expect(verifyInclusion(leaves[i]!, i, size, inclusionProof(leaves, i, size), root(size))).toBe(true);
      }
    }
  });

  it("are rejected when mutated", () => {
    const extra = leafHash(Buffer.from("extra"));
    for (let size = 1; size <= N; size++) {
      for (let i = 0; i < size; i++) {
        const proof = inclusionProof(leaves, i, size);
        const fails = (leaf: Uint8Array, index: number, treeSize: number, p: Uint8Array[], r: Uint8Array) =>
          expect(verifyInclusion(leaf, index, treeSize, p, r), `size ${size} leaf ${i}`).toBe(false);
        // Flipped bits in each proof hash, the leaf and the root.
        proof.forEach((_, k) => fails(leaves[i]!, i, size, proof.map((h, j) => (j === k ? flipBit(h, i + k) : h)), root(size)));
        fails(flipBit(leaves[i]!, size), i, size, proof, root(size));
        fails(leaves[i]!, i, size, proof, flipBit(root(size), i));
        // Another leaf's hash, any other index, out-of-range indices.
        fails(leaves[(i + 1) % N]!, i, size, proof, root(size));
        for (let j = 0; j < size; j++) if (j !== i) fails(leaves[i]!, j, size, proof, root(size));
        fails(leaves[i]!, size, size, proof, root(size));
        fails(leaves[i]!, -1, size, proof, root(size));
        // A neighbouring tree size, checked against that size's own root.
        if (size < N) fails(leaves[i]!, i, size + 1, proof, root(size + 1));
        if (i < size - 1) fails(leaves[i]!, i, size - 1, proof, root(size - 1));
        // Truncated, extended, reordered.
        if (proof.length > 0) {
          fails(leaves[i]!, i, size, proof.slice(0, -1), root(size));
          fails(leaves[i]!, i, size, proof.slice(1), root(size));
        }
        fails(leaves[i]!, i, size, [...proof, extra], root(size));
        fails(leaves[i]!, i, size, [extra, ...proof], root(size));
        if (proof.length > 1) fails(leaves[i]!, i, size, [...proof].reverse(), root(size));
        // Not 32-byte hashes.
        if (proof.length > 0) fails(leaves[i]!, i, size, [proof[0]!.subarray(0, 31), ...proof.slice(1)], root(size));
      }
    }
  });
});

describe("consistency proofs over every pair of sizes 1..64", () => {
  it("verify for every m ≤ n", () => {
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) {
        expect(verifyConsistency(m, n, root(m), root(n), consistencyProof(leaves, m, n)), `${m}→${n}`).toBe(true);
      }
    }
  });

  it("are rejected when mutated", () => {
    const extra = leafHash(Buffer.from("extra"));
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(leaves, m, n);
        const fails = (mm: number, nn: number, rm: Uint8Array, rn: Uint8Array, p: Uint8Array[]) =>
          expect(verifyConsistency(mm, nn, rm, rn, p), `${m}→${n}`).toBe(false);
        proof.forEach((_, k) => fails(m, n, root(m), root(n), proof.map((h, j) => (j === k ? flipBit(h, m + k) : h))));
        fails(m, n, flipBit(root(m), n), root(n), proof);
        fails(m, n, root(m), flipBit(root(n), m), proof);
        if (m < n) fails(n, m, root(n), root(m), proof); // sizes and roots swapped
        if (m < n) fails(m, n, root(n), root(m), proof); // roots swapped
        // Neighbouring sizes, each with its own root.
        if (m > 1) fails(m - 1, n, root(m - 1), root(n), proof);
        if (m < n) fails(m + 1, n, root(m + 1), root(n), proof);
        if (n < N) fails(m, n + 1, root(m), root(n + 1), proof);
        if (n > m) fails(m, n - 1, root(m), root(n - 1), proof);
        if (proof.length > 0) {
          fails(m, n, root(m), root(n), proof.slice(0, -1));
          fails(m, n, root(m), root(n), proof.slice(1));
        }
        fails(m, n, root(m), root(n), [...proof, extra]);
        fails(m, n, root(m), root(n), [extra, ...proof]);
        if (proof.length > 1 && !proof.every((h) => h.equals(proof[0]!))) fails(m, n, root(m), root(n), [...proof].reverse());
      }
    }
  });

  it("treat the empty tree as a prefix of everything, and equal sizes as needing equal roots", () => {
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [])).toBe(true);
    expect(verifyConsistency(0, 5, root(1), root(5), [])).toBe(false);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [root(1)])).toBe(false);
    expect(verifyConsistency(7, 7, root(7), root(7), [])).toBe(true);
    expect(verifyConsistency(7, 7, root(7), root(6), [])).toBe(false); // a fork
    expect(verifyConsistency(8, 7, root(8), root(7), [])).toBe(false);
    expect(verifyConsistency(1.5, 7, root(1), root(7), [])).toBe(false);
  });
});

describe("MerkleFrontier", () => {
  it("has the same root as the whole tree at every size, and restores from JSON", () => {
    const frontier = new MerkleFrontier();
    for (let size = 1; size <= N; size++) {
      frontier.append(leaves[size - 1]!);
      expect(frontier.size).toBe(size);
      expect(frontier.root()).toEqual(root(size));
      // One stored hash per set bit of the size: the perfect subtrees, largest first.
      expect(frontier.hashes.length).toBe(size.toString(2).replace(/0/g, "").length);
      const restored = MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(frontier)));
      expect(restored.size).toBe(size);
      expect(restored.root()).toEqual(root(size));
    }
  });

  it("keeps growing correctly after a restore or a clone, without affecting the original", () => {
    const a = new MerkleFrontier();
    for (let i = 0; i < 37; i++) a.append(leaves[i]!);
    const restored = MerkleFrontier.fromJSON(a.toJSON());
    const clone = a.clone();
    for (let i = 37; i < N; i++) {
      restored.append(leaves[i]!);
      clone.append(leaves[i]!);
    }
    expect(restored.root()).toEqual(root(N));
    expect(clone.root()).toEqual(root(N));
    expect(a.size).toBe(37);
    expect(a.root()).toEqual(root(37));
  });

  it("refuses persisted state that cannot be a frontier", () => {
    const good = (() => {
      const f = new MerkleFrontier();
      for (let i = 0; i < 5; i++) f.append(leaves[i]!);
      return f.toJSON();
    })();
    expect(() => MerkleFrontier.fromJSON(null)).toThrow();
    expect(() => MerkleFrontier.fromJSON({ ...good, size: 7 })).toThrow(/exactly 3 hashes/);
    expect(() => MerkleFrontier.fromJSON({ ...good, size: -1 })).toThrow();
    expect(() => MerkleFrontier.fromJSON({ ...good, size: "5" })).toThrow();
    expect(() => MerkleFrontier.fromJSON({ ...good, hashes: [good.hashes[0], "AAAA"] })).toThrow(/32 bytes/);
    expect(() => MerkleFrontier.fromJSON({ ...good, hashes: [good.hashes[0], 7] })).toThrow();
    expect(() => new MerkleFrontier().append(Buffer.alloc(31))).toThrow(RangeError);
    expect(MerkleFrontier.fromJSON({ size: 0, hashes: [] }).root()).toEqual(EMPTY_ROOT);
  });
});
