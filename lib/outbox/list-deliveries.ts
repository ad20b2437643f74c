import "server-only";
import { type StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import type { UndeliveredDecision } from "@/lib/dto";
import { ForbiddenError } from "@/lib/errors";
import { decidePermission } from "@/lib/policy/permissions";
import { DELIVERY_SELECT, endpointConfigured, toDeliveryState } from "./delivery-state";

// The admin's view of the outbox: every decision the platform has not confirmed (queued,
// failing, given up), oldest first, and how many were delivered. Case numbers, actions and
// categories only: no content, no accounts.

export const UNDELIVERED_LIMIT = 500;

export async function listUndelivered(staff: StaffContext): Promise<{ items: UndeliveredDecision[]; total: number; delivered: number }> {
  const allowed = decidePermission(staff.roles, "delivery:manage");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const where = { status: { in: ["QUEUED", "FAILING", "GIVEN_UP"] as ("QUEUED" | "FAILING" | "GIVEN_UP")[] } };
  const [rows, total, delivered] = await Promise.all([
    db.outboundDelivery.findMany({
      where,
      orderBy: { createdAt: "asc" },
      take: UNDELIVERED_LIMIT,
      select: { ...DELIVERY_SELECT, decision: { select: { id: true, action: true, category: true, decidedAt: true, case: { select: { number: true } } } } },
    }),
    db.outboundDelivery.count({ where }),
    db.outboundDelivery.count({ where: { status: "DELIVERED" } }),
  ]);
  const configured = endpointConfigured();
  return {
    items: rows.map((r) => ({
      decisionId: r.decision.id,
      caseNumber: r.decision.case.number,
      action: r.decision.action,
      category: r.decision.category,
      decidedAt: r.decision.decidedAt.toISOString(),
      delivery: toDeliveryState(r, configured),
    })),
    total,
    delivered,
  };
}
