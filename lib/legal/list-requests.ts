import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { Instrument, Jurisdiction } from "@/lib/policy/legal-basis";
import { isOpenLegalStatus } from "@/lib/policy/legal-status";
import { decidePermission } from "@/lib/policy/permissions";

// The LEGAL queue: open requests first, soonest due first, each with whether it is overdue.

export type LegalRequestRow = {
  id: string;
  number: number;
  reference: string;
  authority: string;
  instrument: Instrument;
  jurisdiction: Jurisdiction;
  status: string;
  dueAt: Date;
  overdue: boolean;
  receivedBy: string;
  createdAt: Date;
};

export async function listLegalRequests(staff: StaffContext, now = new Date()): Promise<LegalRequestRow[]> {
  const allowed = decidePermission(staff.roles, "legal:read");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const rows = await getDb().legalRequest.findMany({
    select: { id: true, number: true, reference: true, authority: true, instrument: true, jurisdiction: true, status: true, dueAt: true, createdAt: true, receivedBy: { select: { name: true } } },
    orderBy: [{ dueAt: "asc" }],
    take: 200,
  });
  const open = isOpenLegalStatus;
  return rows
    .map((r) => ({ ...r, receivedBy: r.receivedBy.name, overdue: open(r.status) && r.dueAt.getTime() < now.getTime() }))
    .sort((a, b) => Number(open(b.status)) - Number(open(a.status)));
}
