import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";

const opts = { baseMs: 10_000, capMs: 3_600_000 };

describe("retryDelayMs", () => {
  it("doubles with each failure, between half and the whole step", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts, () => 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, opts, () => 1))).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it("never exceeds the cap, however many failures", () => {
    for (const n of [10, 20, 100, 10_000]) expect(retryDelayMs(n, opts, () => 1)).toBe(3_600_000);
    expect(retryDelayMs(100, opts, () => 0)).toBe(1_800_000);
  });

  it("spreads retries: jitter draws differ", () => {
    const draws = new Set(Array.from({ length: 20 }, () => retryDelayMs(5, opts)));
    expect(draws.size).toBeGreaterThan(10);
  });

  it("keeps trying for 24 hours with the defaults: about 40 attempts, not thousands", () => {
    let t = 0;
    let n = 0;
    while (t < 24 * 3_600_000) t += retryDelayMs(++n, opts, () => 0.5);
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(50);
  });
});
