import "server-only";
import { toGrantSummary } from "@/lib/access/grant-summary";
import type { StaffContext } from "@/lib/auth/current-staff";
import { getDb } from "@/lib/db";
import type { HistoryKind, MyAccessPage } from "@/lib/dto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ForbiddenError } from "@/lib/errors";
import { decidePermission } from "@/lib/policy/permissions";

// A staff member's own access history: the grants they held or asked for, and the events they
// caused (reads with how many messages, grant steps, denials), newest first. Scoped to the
// caller inside the query, so no parameter can show anyone else's.

const KIND_WHERE: Record<HistoryKind, Prisma.AccessEventWhereInput> = {
  all: {},
  reads: { action: "CONTENT_READ", outcome: "ALLOWED" },
  grants: { action: { in: ["GRANT_REQUESTED", "GRANT_APPROVED", "GRANT_REJECTED", "GRANT_REVOKED", "SCOPE_EXPANDED"] } },
  denials: { outcome: "DENIED" },
};

export async function myAccessHistory(staff: StaffContext, f: { kind?: HistoryKind; cursor?: string; limit?: number }): Promise<MyAccessPage> {
  const allowed = decidePermission(staff.roles, "history:own");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const now = new Date();
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const cursor = f.cursor && /^\d{1,19}$/.test(f.cursor) ? BigInt(f.cursor) : undefined;
  const [events, grants] = await Promise.all([
    db.accessEvent.findMany({
      where: { actorId: staff.id, ...KIND_WHERE[f.kind ?? "all"], ...(cursor !== undefined ? { seq: { lt: cursor } } : {}) },
      orderBy: { seq: "desc" },
      take: limit + 1,
      select: { seq: true, occurredAt: true, action: true, outcome: true, denialReason: true, caseId: true, messageIds: true, purpose: true, justification: true },
    }),
    cursor === undefined
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
  const page = events.slice(0, limit);
  const caseIds = [...new Set(page.map((e) => e.caseId).filter((id): id is string => id !== null))];
  const numbers = new Map((await db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } })).map((c) => [c.id, c.number]));
  return {
    grants: grants.map((g) => ({ ...toGrantSummary(g), caseId: g.caseId, caseNumber: g.case.number, expired: g.status === "ACTIVE" && g.expiresAt <= now, endedReason: g.endedReason, approvedBy: g.approvedBy?.name ?? null, reviewNote: g.reviewNote })),
    events: page.map((e) => ({
      seq: e.seq.toString(),
      occurredAt: e.occurredAt.toISOString(),
      action: e.action,
      outcome: e.outcome,
      denialReason: e.denialReason,
      caseId: e.caseId,
      caseNumber: e.caseId ? (numbers.get(e.caseId) ?? null) : null,
      messageCount: e.messageIds.length,
      purpose: e.purpose,
      justification: e.justification,
    })),
    nextCursor: events.length > limit ? page[page.length - 1]!.seq.toString() : null,
  };
}
