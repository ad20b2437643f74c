import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffContext } from "@/lib/auth/current-staff";
import { can } from "@/lib/policy/permissions";

// The cases a staff member may see at all (metadata only, never content): content roles see
// cases whose every participant's data region they cover. Used inside every case query so a
// guessed id outside it finds nothing.
export function visibleCasesWhere(staff: StaffContext): Prisma.CaseWhereInput {
  if (!can(staff.roles, "case:read")) return { id: { in: [] } };
  return { conversation: { participants: { every: { account: { dataRegion: { in: staff.regions } } } } } };
}
