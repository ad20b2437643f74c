import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb, getPool, type Db, type Tx } from "@/lib/db";
import { MINUTE } from "@/lib/policy/limits";
import { decideSession } from "@/lib/policy/session";
import type { Region, Role } from "@/lib/policy/roles";
import { UUID_RE } from "@/lib/ids";
import { type StaffContext, toActor } from "./staff-context";

// Server-side sessions. The next-auth cookie carries only the staff id and this session's id;
// whether the session is still alive (idle 30 min, 12 h at most, signed out, staff disabled)
// and when it last passed the step-up are decided here, on every request, from the database.

/** lastSeenAt is written at most this often, so the hot read path rarely pays for it. */
const TOUCH_EVERY_MS = MINUTE;

export async function createSession(db: Db | Tx, staffId: string): Promise<string> {
  const row = await db.staffSession.create({ data: { staffId }, select: { id: true } });
  return row.id;
}

type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  stepUpAt: Date | null;
  staff: { id: string; name: string; email: string; roles: Role[]; regions: Region[]; disabled: boolean; totpEnrolled: boolean; linkedAccountIds: string[] };
};

const RESOLVE_SESSION_SQL = `
  SELECT ss.id, ss.created_at AS "createdAt", ss.last_seen_at AS "lastSeenAt", ss.ended_at AS "endedAt", ss.step_up_at AS "stepUpAt",
         json_build_object(
           'id', st.id, 'name', st.name, 'email', st.email, 'roles', st.roles::text[], 'regions', st.regions::text[],
           'disabled', st.disabled, 'totpEnrolled', st.totp_enrolled_at IS NOT NULL,
           'linkedAccountIds', coalesce((SELECT array_agg(l.account_id::text) FROM staff_account_link l WHERE l.staff_id = st.id), '{}')
         ) AS staff
    FROM staff_session ss JOIN staff st ON st.id = ss.staff_id
   WHERE ss.id = $1::uuid`;

/**
 * The live session's staff member, or null; ends (and logs) a session that has timed out.
 * `touch: false` reads without counting as activity, for requests no person made.
 */
export async function resolveSession(sessionId: string, now = new Date(), { touch = true }: { touch?: boolean } = {}): Promise<StaffContext | null> {
  if (!UUID_RE.test(sessionId)) return null;
  // One statement on every request, on the pool directly and named (parsed and planned once
  // per connection): the session, its staff member and their account links.
  const {
    rows: [s],
  } = await getPool().query<SessionRow>({ name: "custody-resolve-session", text: RESOLVE_SESSION_SQL, values: [sessionId] });
  if (!s) return null;
  if (s.endedAt) return null;
  const staff = s.staff;
  const decision = staff.disabled ? ({ allow: false, reason: "DISABLED" } as const) : decideSession(s, now);
  const db = getDb();
  if (!decision.allow) {
    await endSession(db, s.id, toActor(staff), decision.reason, now);
    return null;
  }
  if (touch && now.getTime() - s.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.staffSession.updateMany({ where: { id: s.id, endedAt: null }, data: { lastSeenAt: now } });
  }
  return {
    id: staff.id,
    name: staff.name,
    email: staff.email,
    roles: staff.roles,
    regions: staff.regions,
    linkedAccountIds: staff.linkedAccountIds,
    sessionId: s.id,
    stepUpAt: s.stepUpAt,
    totpEnrolled: staff.totpEnrolled,
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
