import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Category, QueuePage } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { EARLIEST_DATE, LATEST_DATE } from "@/lib/validation/sane-date";
import { decidePermission } from "@/lib/policy/permissions";
import { visibleCasesWhere } from "./visible-cases";

export type QueueFilters = { status?: "open" | "mine" | "escalated"; category?: Category; cursor?: string; limit?: number };

// Most urgent first, then oldest. Keyset pagination over (priority, createdAt, id) so a page
// never shifts when cases are claimed meanwhile.
type Cursor = { p: number; c: string; i: string };

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Cursor;
    // A forged cursor must not reach the query: a bad date or id there is a database error.
    const at = typeof c.c === "string" ? Date.parse(c.c) : NaN;
    const valid = Number.isSafeInteger(c.p) && at >= EARLIEST_DATE.getTime() && at <= LATEST_DATE.getTime() && typeof c.i === "string" && UUID_RE.test(c.i);
    return valid ? c : null;
  } catch {
    return null;
  }
}

export async function listQueue(staff: StaffContext, f: QueueFilters): Promise<QueuePage> {
  const allowed = decidePermission(staff.roles, "queue:read");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const status = f.status ?? "open";
  const cursor = decodeCursor(f.cursor);
  const where: Prisma.CaseWhereInput = {
    ...visibleCasesWhere(staff),
    ...(status === "open" ? { status: "OPEN" } : status === "mine" ? { assigneeId: staff.id, status: { in: ["IN_REVIEW", "ESCALATED"] } } : { status: "ESCALATED" }),
    ...(f.category ? { category: f.category } : {}),
    ...(cursor
      ? {
          OR: [
            { priority: { gt: cursor.p } },
            { priority: cursor.p, createdAt: { gt: new Date(cursor.c) } },
            { priority: cursor.p, createdAt: new Date(cursor.c), id: { gt: cursor.i } },
          ],
        }
      : {}),
  };
  const rows = await getDb().case.findMany({
    where,
    orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: {
      id: true,
      number: true,
      basis: true,
      category: true,
      priority: true,
      status: true,
      createdAt: true,
      assignee: { select: { id: true, name: true } },
      reports: { select: { reporterId: true } },
      conversation: { select: { participants: { select: { account: { select: { dataRegion: true, isMinor: true, isProtected: true } } } } } },
    },
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      number: r.number,
      basis: r.basis,
      category: r.category,
      priority: r.priority,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      reporterCount: new Set(r.reports.map((x) => x.reporterId)).size,
      dataRegions: [...new Set(r.conversation.participants.map((p) => p.account.dataRegion))].sort(),
      involvesMinor: r.conversation.participants.some((p) => p.account.isMinor),
      involvesProtected: r.conversation.participants.some((p) => p.account.isProtected),
      assignee: r.assignee,
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ p: last.priority, c: last.createdAt.toISOString(), i: last.id })).toString("base64url") : null,
  };
}
