import { describe, expect, it } from "vitest";
import { REPLAY_KEEP_SECONDS, SIGNATURE_TOLERANCE_SECONDS } from "./limits";
import { replayExpired } from "./replay";

// The replay window: an accepted webhook-id must be remembered for as long as a copy of its
// request could still pass the timestamp check. A request stamped up to the tolerance in the
// future stays valid until twice the tolerance after it was received; forgetting it earlier
// would let that copy through.

describe("replay window", () => {
  const received = new Date("2026-12-02T12:00:00Z");
  const after = (s: number) => new Date(received.getTime() + s * 1000);

  it("keeps an id at least twice the tolerance (a future-stamped request's whole validity)", () => {
    expect(REPLAY_KEEP_SECONDS).toBeGreaterThanOrEqual(2 * SIGNATURE_TOLERANCE_SECONDS);
    expect(replayExpired(received, after(2 * SIGNATURE_TOLERANCE_SECONDS))).toBe(false);
    expect(replayExpired(received, after(REPLAY_KEEP_SECONDS))).toBe(false);
  });

  it("forgets an id once no copy could pass the timestamp check", () => {
    expect(replayExpired(received, after(REPLAY_KEEP_SECONDS + 1))).toBe(true);
  });
});
