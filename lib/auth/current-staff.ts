import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionIdFromCookie } from "./session-cookie";
import { resolveSession } from "./session-store";
import type { StaffContext } from "./staff-context";


/**
 * The signed-in, enabled staff member of this request, or null. Roles, regions, links and the
 * disabled flag are re-read from the database every request, so disabling someone or changing
 * their roles takes effect on their next click. Cached per request.
 */
export const currentStaff = cache(async (): Promise<StaffContext | null> => {
  const sid = await sessionIdFromCookie();
  return sid ? resolveSession(sid) : null;
});

/**
 * The same, without counting as activity: for the event channel, which an open page holds and
 * re-opens on its own, so that it never keeps an unattended session from going idle.
 */
export async function currentStaffPassively(): Promise<StaffContext | null> {
  const sid = await sessionIdFromCookie();
  return sid ? resolveSession(sid, new Date(), { touch: false }) : null;
}

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect("/signin");
  return staff;
}
