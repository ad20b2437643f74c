import type { GrantFacts, StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";

// A lead may end anyone's live grant early. Revoking only ever reduces access, so no
// residency or conflict rule applies; the revocation and its reason are logged.
export function decideRevocation(input: { staff: StaffFacts; grant: Pick<GrantFacts, "status" | "expiresAt">; now: Date }): PolicyDecision {
  if (input.staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(input.staff.roles, "grant:revoke");
  if (!allowed.allow) return allowed;
  if (input.grant.status !== "ACTIVE" || input.grant.expiresAt <= input.now) return deny("GRANT_NOT_LIVE");
  return { allow: true };
}
