import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { getDb } from "@/lib/db";
import type { StaffSummary } from "@/lib/dto";
import { authOptions } from "./options";

export type StaffContext = StaffSummary & { linkedAccountIds: string[] };

/** Loads a staff member fresh from the database: disabling someone takes effect on their next request. */
export async function loadStaff(id: string): Promise<StaffContext | null> {
  const row = await getDb().staff.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, roles: true, regions: true, disabled: true, accountLinks: { select: { accountId: true } } },
  });
  if (!row || row.disabled) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    roles: row.roles,
    regions: row.regions,
    linkedAccountIds: row.accountLinks.map((l) => l.accountId),
  };
}

/** The signed-in, enabled staff member, or null. Cached per request. */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  // Who is asking is per request: never prerender or cache anything that depends on it.
  await connection();
  const session = await getServerSession(authOptions());
  const id = (session as { staffId?: unknown } | null)?.staffId;
  if (typeof id !== "string") return null;
  return loadStaff(id);
});

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect("/signin");
  return staff;
}
