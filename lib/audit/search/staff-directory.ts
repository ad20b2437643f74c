import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { assertAuditor } from "./search-events";

/** Staff emails for the actor filter's suggestions: every name the log can attribute events to. */
export async function staffEmailsForAudit(staff: StaffContext): Promise<string[]> {
  assertAuditor(staff);
  const rows = await getDb().staff.findMany({ select: { email: true }, orderBy: { email: "asc" }, take: 2000 });
  return rows.map((r) => r.email);
}
