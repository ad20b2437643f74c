import "server-only";
import { getDb, type Tx } from "@/lib/db";
import { THROTTLES, afterSuccess, lockedBy, throttleAttempt, type ThrottleScope, type ThrottleState, type ThrottleVerdict } from "@/lib/policy/throttle";

// The throttle counters in PostgreSQL (auth_throttle), shared by every server process. An
// attempt locks its keys' rows for the few milliseconds it takes to count it, in a fixed
// order so that two attempts sharing keys cannot deadlock.

export type ThrottleKey = { scope: ThrottleScope; subject: string };

export type Attempt = {
  /** The first key that refuses this attempt, if any: the secret must then not be checked. */
  refusal: (ThrottleKey & Extract<ThrottleVerdict, { allowed: false }>) | null;
  /** Keys whose lockout starts if this attempt fails. */
  locksOnFailure: ThrottleKey[];
};

/** Counters untouched for this long are forgotten (the longest window is a session's 12 hours). */
const FORGET_MS = 24 * 60 * 60_000;

// A burst at one account queues on its row; Prisma's defaults (2 s to start, 5 s to finish)
// made the tail of a 20-attempt burst on a loaded machine fail unlogged instead of being refused.
const TX = { maxWait: 15_000, timeout: 20_000 };

const order = (a: ThrottleKey, b: ThrottleKey) => `${a.scope}\0${a.subject}`.localeCompare(`${b.scope}\0${b.subject}`);

async function lockedState(tx: Tx, key: ThrottleKey, now: Date): Promise<ThrottleState | null> {
  await tx.$executeRaw`INSERT INTO auth_throttle (scope, subject, failures, window_start, updated_at) VALUES (${key.scope}, ${key.subject}, 0, ${now}, ${now}) ON CONFLICT DO NOTHING`;
  const rows = await tx.$queryRaw<{ failures: number; windowStart: Date; blockedUntil: Date | null }[]>`
    SELECT failures, window_start AS "windowStart", blocked_until AS "blockedUntil" FROM auth_throttle WHERE scope = ${key.scope} AND subject = ${key.subject} FOR UPDATE`;
  const row = rows[0];
  return row && row.failures > 0 ? row : null;
}

async function save(tx: Tx, key: ThrottleKey, s: ThrottleState | null, now: Date) {
  await tx.authThrottle.update({
    where: { scope_subject: key },
    data: s ? { failures: s.failures, windowStart: s.windowStart, blockedUntil: s.blockedUntil, updatedAt: now } : { failures: 0, windowStart: now, blockedUntil: null, updatedAt: now },
  });
}

/** Counts one attempt on every key, before the secret is checked. */
export async function recordAttempt(keys: ThrottleKey[], now = new Date()): Promise<Attempt> {
  return getDb().$transaction(async (tx) => {
    let refusal: Attempt["refusal"] = null;
    const locksOnFailure: ThrottleKey[] = [];
    for (const key of [...keys].sort(order)) {
      const policy = THROTTLES[key.scope];
      const { next, verdict } = throttleAttempt(await lockedState(tx, key, now), policy, now);
      await save(tx, key, next, now);
      if (!verdict.allowed) refusal ??= { ...key, ...verdict };
      else if (lockedBy(next, policy)) locksOnFailure.push(key);
    }
    return { refusal, locksOnFailure };
  }, TX);
}

/** The secret was right: take the attempt back (lib/policy/throttle.ts says how far). */
export async function recordSuccess(keys: ThrottleKey[], now = new Date()): Promise<void> {
  await getDb().$transaction(async (tx) => {
    for (const key of [...keys].sort(order)) {
      const s = await lockedState(tx, key, now);
      await save(tx, key, s && afterSuccess(key.scope, s), now);
    }
    await tx.authThrottle.deleteMany({ where: { updatedAt: { lt: new Date(now.getTime() - FORGET_MS) } } });
  }, TX);
}
