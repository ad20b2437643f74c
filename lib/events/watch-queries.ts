import "server-only";
import { getPool } from "@/lib/db";
import type { GrantWatchRow } from "./grant-state";

// The two statements behind the event channel. Each server process runs them once per tick
// for everyone connected to it, so their cost does not grow with the number of open threads
// (ADR 008). Both are scoped to the connected staff members: a grant id is only ever read
// back for its own holder.

const GRANTS_SQL = `
  SELECT g.id, g.staff_id AS "staffId", g.case_id AS "caseId", g.status::text AS status, g.expires_at AS "expiresAt",
         g.ended_at AS "endedAt", g.ended_reason AS "endedReason", g.review_note AS "reviewNote", rv.email AS "revokedBy",
         c.status::text AS "caseStatus", c.decision::text AS "caseDecision", c.decided_at AS "decidedAt", dc.email AS "decidedBy"
    FROM access_grant g
    JOIN "case" c ON c.id = g.case_id
    LEFT JOIN staff rv ON rv.id = g.revoked_by_id
    LEFT JOIN staff dc ON dc.id = c.decided_by_id
   WHERE g.staff_id = ANY($1::uuid[])
     AND ((g.status = 'ACTIVE' AND g.expires_at > now()) OR g.id = ANY($2::uuid[]))`;

/**
 * The unexpired active grants of these staff members (an expired grant stays ACTIVE in the
 * table, so the expiry bound keeps old ones out), plus the named grants if they are theirs.
 */
export async function loadWatchedGrants(staffIds: readonly string[], grantIds: readonly string[]): Promise<GrantWatchRow[]> {
  if (staffIds.length === 0) return [];
  const { rows } = await getPool().query<GrantWatchRow>({ name: "custody-watch-grants", text: GRANTS_SQL, values: [staffIds, grantIds] });
  return rows;
}

export type SessionWatchRow = { id: string; createdAt: Date; lastSeenAt: Date; endedAt: Date | null; disabled: boolean };

const SESSIONS_SQL = `
  SELECT ss.id, ss.created_at AS "createdAt", ss.last_seen_at AS "lastSeenAt", ss.ended_at AS "endedAt", st.disabled
    FROM staff_session ss JOIN staff st ON st.id = ss.staff_id
   WHERE ss.id = ANY($1::uuid[])`;

/** The sessions behind the open streams, read without touching them (a stream is not activity). */
export async function loadWatchedSessions(sessionIds: readonly string[]): Promise<SessionWatchRow[]> {
  if (sessionIds.length === 0) return [];
  const { rows } = await getPool().query<SessionWatchRow>({ name: "custody-watch-sessions", text: SESSIONS_SQL, values: [sessionIds] });
  return rows;
}
