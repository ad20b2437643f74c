import { describe, expect, it } from "vitest";
import { afterSuccess, lockedBy, throttleAttempt, type ThrottlePolicy, type ThrottleState } from "./throttle";

// The counter's rules on their own: free failures, doubling backoff, a lockout that hammering
// cannot extend, and a fresh start once it has run out.

const policy: ThrottlePolicy = { freeFailures: 2, lockAfter: 6, windowMs: 60_000, lockMs: 600_000 };
const t0 = Date.parse("2026-12-01T00:00:00Z");
const at = (ms: number) => new Date(t0 + ms);

function run(times: number[]) {
  let s: ThrottleState | null = null;
  return times.map((ms) => {
    const r = throttleAttempt(s, policy, at(ms));
    s = r.next;
    return r.verdict.allowed ? "ok" : r.verdict.state;
  });
}

describe("throttleAttempt", () => {
  it("allows the free failures, then waits 1 s, 2 s, … between attempts", () => {
    expect(run([0, 1, 2, 3, 1002, 1003, 3002])).toEqual(["ok", "ok", "ok", "backoff", "ok", "locked", "locked"]);
    expect(run([0, 1, 2, 1002, 3002, 7002])).toEqual(["ok", "ok", "ok", "ok", "ok", "ok"]);
  });

  it("does not extend a lockout by attempts during it, and starts afresh after it", () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 6; i++) s = throttleAttempt(s, policy, at(i * 10_000)).next;
    const until = s!.blockedUntil!.getTime();
    const during = throttleAttempt(s, policy, at(until - t0 - 1));
    expect(during.verdict).toEqual({ allowed: false, state: "locked", retryAfterSeconds: 1 });
    expect(during.next.blockedUntil!.getTime()).toBe(until);
    const after = throttleAttempt(during.next, policy, at(until - t0));
    expect(after.verdict.allowed).toBe(true);
    expect(after.next.failures).toBe(1);
  });

  it("forgets failures after a quiet window", () => {
    const first = throttleAttempt(null, policy, at(0)).next;
    expect(throttleAttempt(first, policy, at(60_000)).next.failures).toBe(1);
    expect(throttleAttempt(first, policy, at(59_999)).next.failures).toBe(2);
  });
});

describe("afterSuccess", () => {
  it("clears a person's own counter but only takes one attempt back from a client's", () => {
    const s = { failures: 30, windowStart: at(0), blockedUntil: at(5000) };
    expect(afterSuccess("signin-account", s)).toBeNull();
    expect(afterSuccess("totp-session", s)).toBeNull();
    expect(afterSuccess("signin-client", s)).toEqual({ failures: 29, windowStart: at(0), blockedUntil: null });
  });
});

describe("the refusal's wait", () => {
  it("tells how long the lockout still runs, in whole seconds", () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 6; i++) s = throttleAttempt(s, policy, at(i)).next;
    const r = throttleAttempt(s, policy, at(5 + 1000));
    expect(r.verdict).toEqual({ allowed: false, state: "locked", retryAfterSeconds: policy.lockMs / 1000 - 1 });
  });
});

describe("lockedBy", () => {
  it("says the lockout has started once the failures reach the lock threshold", () => {
    const state = (failures: number): ThrottleState => ({ failures, windowStart: at(0), blockedUntil: null });
    expect(lockedBy(state(policy.lockAfter - 1), policy)).toBe(false);
    expect(lockedBy(state(policy.lockAfter), policy)).toBe(true);
  });
});
