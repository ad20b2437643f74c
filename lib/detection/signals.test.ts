import { describe, expect, it } from "vitest";
import { applySightings, type SignalState } from "./signals";

const day = (d: number, h = 0) => new Date(Date.UTC(2026, 9, d, h));
const rule = { threshold: 3, windowDays: 7 };

describe("conversation signals", () => {
  it("fires when every signal has been seen within the window, naming the messages that carried them", () => {
    const { state, fired } = applySightings(
      [],
      [
        { signal: 0, at: day(1), messageId: "m1" },
        { signal: 1, at: day(3), messageId: "m5" },
        { signal: 2, at: day(6), messageId: "m9" },
      ],
      rule,
    );
    expect(fired).toEqual([{ at: day(6), messageIds: ["m1", "m5", "m9"] }]);
    expect(state).toEqual([]); // starts over
  });

  it("does not fire when the signals are spread wider than the window", () => {
    const { state, fired } = applySightings([], [
      { signal: 0, at: day(1), messageId: "m1" },
      { signal: 1, at: day(3), messageId: "m2" },
      { signal: 2, at: day(9), messageId: "m3" },
    ], rule);
    expect(fired).toEqual([]);
    expect(state.map((s) => s.signal)).toEqual([0, 1, 2]);
  });

  it("the same signal repeated is counted, not taken for another signal", () => {
    const { state, fired } = applySightings([], [0, 0, 0, 1].map((signal, i) => ({ signal, at: day(1, i), messageId: `m${i}` })), rule);
    expect(fired).toEqual([]);
    expect(state).toEqual([
      { signal: 0, hits: 3, firstSeenAt: day(1, 0), lastSeenAt: day(1, 2), lastMessageId: "m2" },
      { signal: 1, hits: 1, firstSeenAt: day(1, 3), lastSeenAt: day(1, 3), lastMessageId: "m3" },
    ]);
  });

  it("builds on the state kept from earlier batches, and a refreshed old signal counts again", () => {
    const kept: SignalState[] = [
      { signal: 0, hits: 1, firstSeenAt: day(1), lastSeenAt: day(1), lastMessageId: "old0" },
      { signal: 1, hits: 2, firstSeenAt: day(10), lastSeenAt: day(11), lastMessageId: "m11" },
    ];
    expect(applySightings(kept, [{ signal: 2, at: day(12), messageId: "m12" }], rule).fired).toEqual([]);
    const again = applySightings(kept, [{ signal: 0, at: day(12), messageId: "m12a" }, { signal: 2, at: day(12, 1), messageId: "m12b" }], rule);
    expect(again.fired).toEqual([{ at: day(12, 1), messageIds: ["m11", "m12a", "m12b"] }]);
  });

  it("takes sightings in time order whatever order they come in; a threshold below the count fires earlier", () => {
    const out = applySightings([], [
      { signal: 2, at: day(5), messageId: "c" },
      { signal: 0, at: day(2), messageId: "a" },
    ], { threshold: 2, windowDays: 7 });
    expect(out.fired).toEqual([{ at: day(5), messageIds: ["a", "c"] }]);
  });
});
