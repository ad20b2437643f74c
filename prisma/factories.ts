import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { hashPassword } from "@/lib/auth/password";
import { sealTotpSecret } from "@/lib/auth/totp";
import type { Region, Role } from "@/lib/policy/roles";
import { DEMO_TOTP_SECRETS } from "./demo-totp";

export { DEMO_TOTP_SECRETS };

// Factories shared by the demo seed and the tests, so both build staff the same way.

export const DEMO_PASSWORD = "custody-demo-2026";

export type StaffSpec = { email: string; name: string; roles: Role[]; regions: Region[]; password?: string; disabled?: boolean; totpSecret?: string };

export const DEMO_STAFF: StaffSpec[] = [
  { email: "reviewer@custody.test", name: "Riley Reviewer", roles: ["REVIEWER"], regions: ["US", "EU"], totpSecret: DEMO_TOTP_SECRETS["reviewer@custody.test"] },
  { email: "reviewer2@custody.test", name: "Sam Second", roles: ["REVIEWER"], regions: ["US"], totpSecret: DEMO_TOTP_SECRETS["reviewer2@custody.test"] },
  { email: "lead@custody.test", name: "Lee Lead", roles: ["LEAD"], regions: ["US", "EU"], totpSecret: DEMO_TOTP_SECRETS["lead@custody.test"] },
  { email: "legal@custody.test", name: "Lou Legal", roles: ["LEGAL"], regions: ["US", "EU"], totpSecret: DEMO_TOTP_SECRETS["legal@custody.test"] },
  // A second LEGAL colleague: verification is four-eyes (never the one who took a request in).
  { email: "legal2@custody.test", name: "Lin Legal", roles: ["LEGAL"], regions: ["US", "EU"] },
  { email: "auditor@custody.test", name: "Ari Auditor", roles: ["AUDITOR"], regions: ["US", "EU"] },
  { email: "admin@custody.test", name: "Ada Admin", roles: ["ADMIN"], regions: ["US", "EU"] },
];

/** Creates or updates a staff member by email (with a sealed TOTP secret when the spec has one). */
export async function upsertStaff(db: Db, spec: StaffSpec): Promise<{ id: string; email: string }> {
  const passwordHash = await hashPassword(spec.password ?? DEMO_PASSWORD);
  const base = { name: spec.name, roles: spec.roles, regions: spec.regions, passwordHash, disabled: spec.disabled ?? false };
  const staff = await db.staff.upsert({ where: { email: spec.email }, create: { email: spec.email, ...base }, update: base, select: { id: true, email: true } });
  if (spec.totpSecret) {
    // Sealed to the staff id, so it is written once the id exists.
    await db.staff.update({ where: { id: staff.id }, data: { totpSecret: await sealTotpSecret(staff.id, spec.totpSecret), totpEnrolledAt: new Date() } });
  }
  return staff;
}

export type LegalRequestSpec = Partial<Omit<Prisma.LegalRequestUncheckedCreateInput, "receivedById">>;

/** A legal request as intake would record it (without a document), for the seed and for tests. */
export async function createLegalRequest(db: Db, receivedById: string, spec: LegalRequestSpec = {}): Promise<{ id: string; number: number }> {
  return db.legalRequest.create({
    data: {
      reference: "GJ-2026-0412",
      authority: "Federal Bureau of Investigation",
      officerName: "Special Agent Dana Ortiz",
      officerEmail: "dortiz@fbi.gov",
      officerPhone: "+1 202 555 0100",
      instrument: "SEARCH_WARRANT",
      jurisdiction: "US",
      jurisdictionName: "N.D. Cal.",
      category: "THREATS",
      namedAccountIds: [],
      dateFrom: new Date("2026-09-01T00:00:00Z"),
      dateTo: new Date("2026-11-01T00:00:00Z"),
      dataTypes: ["CONTENT"],
      dueAt: new Date(Date.now() + 14 * 86_400_000),
      ...spec,
      receivedById,
    },
    select: { id: true, number: true },
  });
}
