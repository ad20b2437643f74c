import "server-only";
import { getDb } from "@/lib/db";
import type { StaffContext } from "./staff-context";

// Outside a request (scripts, the e2e seed): no next/* imports here, so it loads under plain
// tsx as well as inside Next.

/** Loads a staff member fresh from the database, outside any session (tests and scripts). */
export async function loadStaff(id: string): Promise<StaffContext | null> {
  const row = await getDb().staff.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, roles: true, regions: true, disabled: true, totpEnrolledAt: true, accountLinks: { select: { accountId: true } } },
  });
  if (!row || row.disabled) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    regions: row.regions,
    linkedAccountIds: row.accountLinks.map((l) => l.accountId),
    sessionId: null,
    stepUpAt: null,
    totpEnrolled: row.totpEnrolledAt !== null,
  };
}
