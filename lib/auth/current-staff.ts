import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db";
import type { StaffSummary } from "@/lib/dto";
import { sessionIdFromCookie } from "./session-cookie";
import { resolveSession } from "./session-store";

export type StaffContext = StaffSummary & {
  linkedAccountIds: string[];
  /** The server-side session of this request; null outside a request (tests, scripts). */
  sessionId: string | null;
  /** When this session last passed the TOTP step-up. */
  stepUpAt: Date | null;
  totpEnrolled: boolean;
};

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

/**
 * The signed-in, enabled staff member of this request, or null. Roles, regions, links and the
 * disabled flag are re-read from the database every request, so disabling someone or changing
 * their roles takes effect on their next click. Cached per request.
 */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const sid = await sessionIdFromCookie();
  return sid ? resolveSession(sid) : null;
});

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect("/signin");
  return staff;
}
