import "server-only";
import { recordEvent } from "@/lib/audit/record-event";
import { getDb, type Db, type Tx } from "@/lib/db";
import { MINUTE } from "@/lib/policy/limits";
import { decideSession } from "@/lib/policy/session";
import type { StaffContext } from "./current-staff";

// Server-side sessions. The next-auth cookie carries only the staff id and this session's id;
// whether the session is still alive (idle 30 min, 12 h at most, signed out, staff disabled)
// and when it last passed the step-up are decided here, on every request, from the database.

/** lastSeenAt is written at most this often, so the hot read path rarely pays for it. */
const TOUCH_EVERY_MS = MINUTE;

export async function createSession(db: Db | Tx, staffId: string): Promise<string> {
  const row = await db.staffSession.create({ data: { staffId }, select: { id: true } });
  return row.id;
}

/** The live session's staff member, or null; ends (and logs) a session that has timed out. */
export async function resolveSession(sessionId: string, now = new Date()): Promise<StaffContext | null> {
  const db = getDb();
  const s = await db.staffSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      stepUpAt: true,
      staff: {
        select: { id: true, name: true, email: true, roles: true, regions: true, disabled: true, totpEnrolledAt: true, accountLinks: { select: { accountId: true } } },
      },
    },
  });
  if (!s) return null;
  if (s.endedAt) return null;
  const staff = s.staff;
  const decision = staff.disabled ? ({ allow: false, reason: "DISABLED" } as const) : decideSession(s, now);
  if (!decision.allow) {
    await endSession(db, s.id, { id: staff.id, email: staff.email, roles: staff.roles }, decision.reason, now);
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.staffSession.updateMany({ where: { id: s.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    id: staff.id,
    name: staff.name,
    email: staff.email,
    roles: staff.roles,
    regions: staff.regions,
    linkedAccountIds: staff.accountLinks.map((l) => l.accountId),
    sessionId: s.id,
    stepUpAt: s.stepUpAt,
    totpEnrolled: staff.totpEnrolledAt !== null,
  };
}

/** Ends one session and logs it as a sign-out with its reason (SIGN_OUT, SESSION_IDLE, …). */
export async function endSession(db: Db | Tx, sessionId: string, actor: { id: string; email: string; roles: readonly string[] }, reason: string, now = new Date()) {
  const ended = await db.staffSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endedReason: reason } });
  if (ended.count === 1) {
    await recordEvent(db, { actor, action: "SIGN_OUT", outcome: "ALLOWED", details: { reason, sessionId } });
  }
}

/** Ends every live session of a staff member (disabled, roles changed): their next request signs in again. */
export async function endAllSessions(tx: Tx, staffId: string, reason: string, now = new Date()): Promise<number> {
  const ended = await tx.staffSession.updateMany({ where: { staffId, endedAt: null }, data: { endedAt: now, endedReason: reason } });
  return ended.count;
}
