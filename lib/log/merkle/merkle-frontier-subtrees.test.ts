import { hash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { subtreeRoot } from "./merkle";
import { MerkleFrontier } from "./merkle-frontier";

const leaf = (i: number) => hash("sha256", `leaf ${i}`, "buffer");

describe("MerkleFrontier.append reports the perfect subtrees it completes", () => {
  it("each reported (level, index) is the root of leaves [index·2^level, (index+1)·2^level), and each is reported once", () => {
    const leaves = Array.from({ length: 100 }, (_, i) => leaf(i));
    const frontier = new MerkleFrontier();
    const seen = new Map<string, Uint8Array>();
    for (const h of leaves) {
      frontier.append(h, (level, index, root) => {
        const key = `${level}:${index}`;
        expect(seen.has(key)).toBe(false);
        seen.set(key, Buffer.from(root));
      });
    }
    // 100 leaves complete 50 pairs, 25 fours, 12 eights, 6 sixteens, 3 thirty-twos, 1 sixty-four.
    expect(seen.size).toBe(50 + 25 + 12 + 6 + 3 + 1);
    for (const [key, root] of seen) {
      const [level, index] = key.split(":").map(Number) as [number, number];
      expect(Buffer.from(root).equals(subtreeRoot(leaves, index * 2 ** level, (index + 1) * 2 ** level))).toBe(true);
    }
  });
});
