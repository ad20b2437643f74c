// When to try a failed delivery again: exponential backoff (base · 2^(n−1), at most the cap)
// with "equal jitter" — half the delay fixed, half random — so that after an outage the
// platform is not hit by every queued decision in the same second, yet no retry comes sooner
// than half its step. `random` is injectable for tests.

export function retryDelayMs(failedAttempts: number, opts: { baseMs: number; capMs: number }, random: () => number = Math.random): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, Math.min(failedAttempts - 1, 40)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
