import { describe, expect, it } from "vitest";
import { createRng, deriveSeed } from "./prng";

describe("prng", () => {
  it("repeats for a seed and differs between seeds and streams", () => {
    const draw = (seed: number) => {
      const rng = createRng(seed);
      return Array.from({ length: 5 }, () => rng.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(deriveSeed(42, "accounts")).not.toBe(deriveSeed(42, "threads"));
  });

  it("keeps helpers in range and weighted choices proportional", () => {
    const rng = createRng(9);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++) {
      const n = rng.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
      counts[rng.weighted([["a", 1], ["b", 3]] as const)]++;
    }
    expect(counts.b / counts.a).toBeGreaterThan(2.6);
    expect(counts.b / counts.a).toBeLessThan(3.4);
    expect(rng.shuffle([1, 2, 3, 4]).sort()).toEqual([1, 2, 3, 4]);
    expect(new Set(rng.sample([1, 2, 3, 4, 5], 3)).size).toBe(3);
  });
});
