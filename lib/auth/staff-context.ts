import type { StaffSummary } from "@/lib/dto";
import type { Actor } from "@/lib/log/events/record-event";
import type { StaffFacts } from "@/lib/policy/facts";

// The signed-in staff member as every lib function receives it, and the two shapes it is
// turned into: the actor the access log records, and the facts a policy decision takes. Kept
// apart from current-staff.ts (which reads the session through next/*) so lib code and
// scripts can name the type without pulling in the request context.

export type StaffContext = StaffSummary & {
  linkedAccountIds: string[];
  /** The server-side session of this request; null outside a request (tests, scripts). */
  sessionId: string | null;
  /** When this session last passed the TOTP step-up. */
  stepUpAt: Date | null;
  totpEnrolled: boolean;
};

/** Who the access log names for an action: id, email and the roles held at that moment. */
export function toActor(staff: Pick<StaffContext, "id" | "email" | "roles">): Actor {
  return { id: staff.id, email: staff.email, roles: staff.roles };
}

/**
 * The staff facts a policy decision takes. A StaffContext exists only for an enabled member
 * (a disabled one's session resolves to nothing), so `disabled` is false by construction.
 */
export function toStaffFacts(staff: Pick<StaffContext, "id" | "roles" | "regions" | "linkedAccountIds">): StaffFacts {
  return { id: staff.id, roles: staff.roles, regions: staff.regions, disabled: false, linkedAccountIds: staff.linkedAccountIds };
}
