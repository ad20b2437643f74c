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

export async function requireStaff(): Promise<StaffContext> {
  const staff = await currentStaff();
  if (!staff) redirect("/signin");
  return staff;
}
