import {
  BACKOFF_MAX_SECONDS,
  CLIENT_SIGN_IN_FREE_FAILURES,
  CLIENT_SIGN_IN_LOCK_FAILURES,
  CLIENT_TOTP_LOCK_FAILURES,
  MAX_TOTP_FAILURES,
  MINUTE,
  SESSION_MAX_HOURS,
  SIGN_IN_FREE_FAILURES,
  SIGN_IN_LOCK_FAILURES,
  SIGN_IN_LOCK_MINUTES,
  SIGN_IN_WINDOW_MINUTES,
  TOTP_FREE_FAILURES,
  TOTP_LOCK_MINUTES,
} from "./limits";

// Backoff and lockout for guessing secrets (passwords, TOTP codes), as pure functions over one
// key's counter; lib/auth/throttle-store.ts keeps the counters in PostgreSQL. Every attempt is
// counted before the secret is checked (a success takes it back), so a burst sent in parallel
// meets the limit attempt by attempt. Attempts during a backoff count too, so ignoring the
// backoff only reaches the lockout sooner; attempts during a lockout do not, so it ends.

export type ThrottlePolicy = { freeFailures: number; lockAfter: number; windowMs: number; lockMs: number };

export const THROTTLES = {
  /** Wrong passwords for one e-mail address, known or not (so the counter reveals no accounts). */
  "signin-account": { freeFailures: SIGN_IN_FREE_FAILURES, lockAfter: SIGN_IN_LOCK_FAILURES, windowMs: SIGN_IN_WINDOW_MINUTES * MINUTE, lockMs: SIGN_IN_LOCK_MINUTES * MINUTE },
  /** Wrong passwords from one client across accounts (password spraying). */
  "signin-client": { freeFailures: CLIENT_SIGN_IN_FREE_FAILURES, lockAfter: CLIENT_SIGN_IN_LOCK_FAILURES, windowMs: SIGN_IN_WINDOW_MINUTES * MINUTE, lockMs: SIGN_IN_LOCK_MINUTES * MINUTE },
  /** Wrong codes in one session; the lock outlives the session, which must be replaced. */
  "totp-session": { freeFailures: TOTP_FREE_FAILURES, lockAfter: MAX_TOTP_FAILURES, windowMs: SESSION_MAX_HOURS * 60 * MINUTE, lockMs: SESSION_MAX_HOURS * 60 * MINUTE },
  /** Wrong codes for one account from one client, whatever the session: bounds guessing by fresh sign-ins. */
  "totp-client": { freeFailures: CLIENT_TOTP_LOCK_FAILURES, lockAfter: CLIENT_TOTP_LOCK_FAILURES, windowMs: TOTP_LOCK_MINUTES * MINUTE, lockMs: TOTP_LOCK_MINUTES * MINUTE },
} as const satisfies Record<string, ThrottlePolicy>;

export type ThrottleScope = keyof typeof THROTTLES;

export type ThrottleState = { failures: number; windowStart: Date; blockedUntil: Date | null };

export type ThrottleVerdict = { allowed: true } | { allowed: false; state: "backoff" | "locked"; retryAfterSeconds: number };

const fresh = (now: Date): ThrottleState => ({ failures: 0, windowStart: now, blockedUntil: null });

function backoffMs(failures: number, policy: ThrottlePolicy): number {
  return Math.min(2 ** (failures - policy.freeFailures - 1), BACKOFF_MAX_SECONDS) * 1000;
}

function refusal(s: ThrottleState, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  const retryAfterSeconds = Math.max(1, Math.ceil(((s.blockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
  return { allowed: false, state: s.failures >= policy.lockAfter ? "locked" : "backoff", retryAfterSeconds };
}

/** One attempt on a key: whether it may go on to check the secret, and the counter after it. */
export function throttleAttempt(prev: ThrottleState | null, policy: ThrottlePolicy, now: Date): { next: ThrottleState; verdict: ThrottleVerdict } {
  let s = prev ?? fresh(now);
  const blocked = s.blockedUntil !== null && s.blockedUntil.getTime() > now.getTime();
  // A lockout that has run out, or a quiet window, starts the count afresh.
  if (!blocked && (s.failures >= policy.lockAfter || now.getTime() - s.windowStart.getTime() >= policy.windowMs)) s = fresh(now);
  if (blocked && s.failures >= policy.lockAfter) return { next: s, verdict: refusal(s, policy, now) };
  const failures = s.failures + 1;
  const blockedUntil = failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMs) : blocked ? s.blockedUntil : failures > policy.freeFailures ? new Date(now.getTime() + backoffMs(failures, policy)) : null;
  const next = { failures, windowStart: s.windowStart, blockedUntil };
  return { next, verdict: blocked ? refusal(next, policy, now) : { allowed: true } };
}

/** Whether a failure of this attempt, already counted, has started the lockout. */
export function lockedBy(state: ThrottleState, policy: ThrottlePolicy): boolean {
  return state.failures >= policy.lockAfter;
}

/**
 * The counter after the secret proved right: the key starts afresh, except a client's sign-in
 * key, which only takes back this attempt and its wait, so signing in to one account between
 * guesses at others does not clear a sprayer's count.
 */
export function afterSuccess(scope: ThrottleScope, s: ThrottleState): ThrottleState | null {
  if (scope !== "signin-client") return null;
  return { ...s, failures: Math.max(0, s.failures - 1), blockedUntil: null };
}
