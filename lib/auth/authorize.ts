import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb } from "@/lib/db";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { OPERATIONS, type OperationId } from "@/lib/policy/operations";
import { decidePermission } from "@/lib/policy/permissions";
import type { Denial } from "@/lib/policy/reasons";
import { currentStaff, currentStaffPassively } from "./current-staff";
import { type StaffContext, toActor } from "./staff-context";

// The door every route handler and page goes through: who is asking (a live session, re-read
// from the database), and may their roles attempt this operation at all (the permission
// table, via lib/policy/operations.ts). Attribute rules are decided further in, by the lib
// function that loads the facts. Refusals here are logged as ACCESS_DENIED with the operation.

async function logRefusal(staff: StaffContext, operation: OperationId, denial: Denial, headers?: Headers) {
  await recordEvent(getDb(), {
    actor: toActor(staff),
    action: "ACCESS_DENIED",
    outcome: "DENIED",
    denialReason: denial.reason,
    details: { operation },
    meta: headers ? requestMetaFrom(headers) : undefined,
  });
}

/**
 * For route handlers: the signed-in staff member allowed to attempt `operation`, or a 401/403
 * to throw. `passive` for requests a page makes on its own (the event channel): they do not
 * keep the session from going idle.
 */
export async function authorizeApi(operation: OperationId, req: Request, { passive = false }: { passive?: boolean } = {}): Promise<StaffContext> {
  const staff = await (passive ? currentStaffPassively() : currentStaff());
  if (!staff) throw new UnauthenticatedError();
  const permission = OPERATIONS[operation].permission;
  if (permission) {
    const decision = decidePermission(staff.roles, permission);
    if (!decision.allow) {
      await logRefusal(staff, operation, decision, req.headers);
      throw new ForbiddenError(decision.reason, decision.message);
    }
  }
  return staff;
}

/**
 * For pages: redirects to sign-in without a live session; otherwise the staff member and, if
 * the table refuses them, the refusal for the page to show (the layout still renders, so the
 * person can navigate on).
 */
export async function authorizePage(operation: OperationId): Promise<{ staff: StaffContext; refusal: Denial | null }> {
  const staff = await currentStaff();
  if (!staff) redirect("/signin");
  const permission = OPERATIONS[operation].permission;
  const decision = permission ? decidePermission(staff.roles, permission) : ({ allow: true } as const);
  if (decision.allow) return { staff, refusal: null };
  await logRefusal(staff, operation, decision);
  return { staff, refusal: decision };
}

/**
 * authorizePage once per request: a page and its generateMetadata (titles that name what is
 * open) share one decision, so a refusal is logged once, not twice.
 */
export const authorizePageOnce = cache(authorizePage);
