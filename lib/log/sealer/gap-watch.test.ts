import { describe, expect, it } from "vitest";
import { GapWatch } from "./gap-watch";

describe("GapWatch", () => {
  it("watches the gaps a seal passed over until they are sealed", () => {
    const watch = new GapWatch(1000);
    watch.update({ seqs: ["1", "3"], gaps: ["2"] }, 0);
    expect(watch.seqs()).toEqual(["2"]);
    watch.update({ seqs: ["4", "2"], gaps: [] }, 10);
    expect(watch.size).toBe(0);
  });

  it("gives up on a gap after maxAgeMs (a rolled-back transaction), counting from when it was first seen", () => {
    const watch = new GapWatch(1000);
    watch.update({ seqs: ["6"], gaps: ["5"] }, 0);
    watch.update({ seqs: [], gaps: ["5"] }, 900);
    expect(watch.expire(999)).toEqual([]);
    expect(watch.expire(1001)).toEqual(["5"]);
    expect(watch.seqs()).toEqual([]);
  });

  it("adds stragglers found by a sweep", () => {
    const watch = new GapWatch();
    watch.add(["7", "8"], 0);
    expect(watch.seqs()).toEqual(["7", "8"]);
  });
});
