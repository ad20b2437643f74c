import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import type { Region, Role } from "@/lib/policy/roles";

// Factories shared by the demo seed and the tests, so both build staff the same way.

export const DEMO_PASSWORD = "custody-demo-2026";

export type StaffSpec = { email: string; name: string; roles: Role[]; regions: Region[]; password?: string; disabled?: boolean };

export const DEMO_STAFF: StaffSpec[] = [
  { email: "reviewer@custody.test", name: "Riley Reviewer", roles: ["REVIEWER"], regions: ["US", "EU"] },
  { email: "reviewer2@custody.test", name: "Sam Second", roles: ["REVIEWER"], regions: ["US"] },
  { email: "lead@custody.test", name: "Lee Lead", roles: ["LEAD"], regions: ["US", "EU"] },
  { email: "legal@custody.test", name: "Lou Legal", roles: ["LEGAL"], regions: ["US", "EU"] },
  { email: "auditor@custody.test", name: "Ari Auditor", roles: ["AUDITOR"], regions: ["US", "EU"] },
  { email: "admin@custody.test", name: "Ada Admin", roles: ["ADMIN"], regions: ["US", "EU"] },
];

/** Creates or updates a staff member by email. */
export async function upsertStaff(db: Db, spec: StaffSpec): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(spec.password ?? DEMO_PASSWORD);
  return db.staff.upsert({
    where: { email: spec.email },
    create: { email: spec.email, name: spec.name, roles: spec.roles, regions: spec.regions, passwordHash, disabled: spec.disabled ?? false },
    update: { name: spec.name, roles: spec.roles, regions: spec.regions, passwordHash, disabled: spec.disabled ?? false },
    select: { id: true, email: true },
  });
}
