import { describe, expect, it } from "vitest";
import { daysBetween, fillDays, niceTicks } from "./chart-scale";

describe("niceTicks", () => {
  it("covers the maximum with round steps", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(100)).toEqual([0, 50, 100]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(3, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1)).toEqual([0, 1]);
  });
});

describe("daysBetween and fillDays", () => {
  it("lists every day and fills the missing ones with zero, in series order", () => {
    const days = daysBetween(new Date("2026-11-01T15:00:00Z"), new Date("2026-11-03T01:00:00Z"));
    expect(days).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
    const filled = fillDays(
      [
        { day: "2026-11-01", key: "B", count: 2 },
        { day: "2026-11-01", key: "A", count: 1 },
        { day: "2026-11-03", key: "A", count: 4 },
        { day: "2026-10-30", key: "A", count: 9 },
      ],
      days,
      ["A", "B"] as const,
    );
    expect(filled).toEqual([
      { day: "2026-11-01", counts: { A: 1, B: 2 }, total: 3 },
      { day: "2026-11-02", counts: { A: 0, B: 0 }, total: 0 },
      { day: "2026-11-03", counts: { A: 4, B: 0 }, total: 4 },
    ]);
  });
});
