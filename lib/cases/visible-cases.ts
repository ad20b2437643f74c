import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffContext } from "@/lib/auth/staff-context";
import { can } from "@/lib/policy/permissions";
import { visibleBases } from "@/lib/policy/purposes";

// The cases a staff member may list (metadata only, never content): the bases their role
// handles, whose every participant's data region they cover, and with no participant linked
// to them. The same rules as lib/policy/conversation-access.ts, expressed as a query filter so
// lists never fetch what the policy would refuse. Opening a case by id asks the policy itself
// and says why it is refused.
export function visibleCasesWhere(staff: StaffContext): Prisma.CaseWhereInput {
  if (!can(staff.roles, "case:read")) return { id: { in: [] } };
  return {
    basis: { in: visibleBases(staff.roles) },
    conversation: {
      participants: {
        every: { account: { dataRegion: { in: staff.regions } } },
        ...(staff.linkedAccountIds.length ? { none: { accountId: { in: staff.linkedAccountIds } } } : {}),
      },
    },
  };
}
