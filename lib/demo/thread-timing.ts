// Timestamps for one thread. Real DMs come in bursts: replies within seconds or minutes, a new
// exchange some minutes or hours later, a new session after days. Drawing gaps from those three
// scales (log-uniform, so short gaps dominate) gives the queue realistic ages and the thread view
// realistic "2 days later" jumps. Everything stays inside the ~60 days before `start`.

import type { Rng } from "./prng";

/** How a message follows the one before it. */
export type Pause = "reply" | "exchange" | "session";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const HISTORY_DAYS = 60;

function gap(rng: Rng, pause: Pause): number {
  if (pause === "reply") return rng.logUniform(12 * SECOND, 6 * MINUTE);
  if (pause === "exchange" && rng.chance(0.55)) return rng.logUniform(4 * MINUTE, 2 * HOUR);
  return rng.logUniform(3 * HOUR, 3 * DAY);
}

/**
 * Strictly increasing send times (ms since epoch) for messages whose pauses are given; the first
 * pause is ignored. Long threads are squeezed to fit the window, short ones placed at random in it.
 */
export function threadTimes(rng: Rng, pauses: readonly Pause[], startMs: number, long: boolean): number[] {
  const offsets: number[] = [];
  let t = 0;
  for (let i = 0; i < pauses.length; i++) {
    if (i > 0) t += gap(rng, pauses[i] ?? "reply");
    offsets.push(t);
  }
  const span = t;
  // Busy threads are still active at `start`; others may have gone quiet days ago.
  const latest = startMs - (long ? rng.logUniform(5 * MINUTE, 12 * HOUR) : rng.logUniform(10 * MINUTE, 6 * DAY));
  const earliest = startMs - HISTORY_DAYS * DAY;
  const room = latest - earliest;
  const scale = span > room ? room / span : 1;
  const first = latest - span * scale - rng.next() * (room - span * scale);

  const times: number[] = [];
  let previous = -Infinity;
  for (const offset of offsets) {
    // Squeezing can bring two messages within the same millisecond; keep order strict.
    const at = Math.max(Math.round(first + offset * scale), previous + SECOND);
    times.push(at);
    previous = at;
  }
  // The strictness fix-up can push the tail past `latest`; shift back so nothing is in the future.
  const overflow = (times[times.length - 1] ?? 0) - latest;
  return overflow > 0 ? times.map((x) => x - overflow) : times;
}

export const TIME = { SECOND, MINUTE, HOUR, DAY } as const;
