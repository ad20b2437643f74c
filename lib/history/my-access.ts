import "server-only";
import { toGrantSummary } from "@/lib/cases/grant-summary";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { HistoryKind, MyAccessPage } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import { decidePermission } from "@/lib/policy/permissions";
import { HISTORY_EVENT_SELECT, KIND_WHERE, seqCursor, toHistoryPage } from "./history-events";

// A staff member's own access history: the grants they held or asked for, and the events they
// caused (reads with how many messages, grant steps, denials), newest first. Scoped to the
// caller inside the query, so no parameter can show anyone else's.

export async function myAccessHistory(staff: StaffContext, f: { kind?: HistoryKind; cursor?: string; limit?: number }): Promise<MyAccessPage> {
  const allowed = decidePermission(staff.roles, "history:own");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const now = new Date();
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const [rows, grants] = await Promise.all([
    db.accessEvent.findMany({
      where: { actorId: staff.id, ...KIND_WHERE[f.kind ?? "all"], ...seqCursor(f.cursor) },
      orderBy: { seq: "desc" },
      take: limit + 1,
      select: HISTORY_EVENT_SELECT,
    }),
    f.cursor === undefined
      ? db.accessGrant.findMany({
          where: { staffId: staff.id },
          orderBy: { createdAt: "desc" },
          take: 50,
          select: {
            id: true, caseId: true, purpose: true, justification: true, scopeFrom: true, scopeTo: true, createdAt: true, expiresAt: true, status: true,
            approvalReasons: true, replacesGrantId: true, endedReason: true, reviewNote: true,
            approvedBy: { select: { name: true } },
            case: { select: { number: true } },
          },
        })
      : Promise.resolve([]),
  ]);
  const { events, nextCursor } = await toHistoryPage(db, rows, limit);
  return {
    grants: grants.map((g) => ({ ...toGrantSummary(g), caseId: g.caseId, caseNumber: g.case.number, expired: g.status === "ACTIVE" && g.expiresAt <= now, endedReason: g.endedReason, approvedBy: g.approvedBy?.name ?? null, reviewNote: g.reviewNote })),
    events,
    nextCursor,
  };
}
