import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { HistoryKind, TeamAccessPage } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { decidePermission } from "@/lib/policy/permissions";
import { HISTORY_EVENT_SELECT, KIND_WHERE, seqCursor, toHistoryPage } from "./history-events";

// A lead's view of the review team's access history: what reviewers and leads read (how many
// messages, never which words), which grants they asked for and got, and what they were
// refused, newest first. "The team" is whoever held REVIEWER or LEAD when the event was
// logged (the log records the actor's roles at the time), so a reviewer who later moved to
// another role still shows for what they did as a reviewer, and legal, audit and admin work
// does not show at all. The actor filter is applied inside that scope.

/** Staff roles whose access a lead supervises. */
export const TEAM_ROLES = ["REVIEWER", "LEAD"] as const;

export async function teamAccessHistory(staff: StaffContext, f: { memberId?: string; kind?: HistoryKind; cursor?: string; limit?: number }): Promise<TeamAccessPage> {
  const allowed = decidePermission(staff.roles, "history:team");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const memberId = f.memberId && UUID_RE.test(f.memberId) ? f.memberId : undefined;
  const [members, rows] = await Promise.all([
    db.staff.findMany({
      where: { roles: { hasSome: [...TEAM_ROLES] } },
      orderBy: [{ disabled: "asc" }, { name: "asc" }],
      select: { id: true, name: true, email: true, disabled: true },
    }),
    db.accessEvent.findMany({
      where: { actorRoles: { hasSome: [...TEAM_ROLES] }, ...(memberId ? { actorId: memberId } : {}), ...KIND_WHERE[f.kind ?? "all"], ...seqCursor(f.cursor) },
      orderBy: { seq: "desc" },
      take: limit + 1,
      select: HISTORY_EVENT_SELECT,
    }),
  ]);
  return { members, ...(await toHistoryPage(db, rows, limit)) };
}
