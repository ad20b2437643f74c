import type { StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";

// Four eyes on every legal request: the colleague who verifies it (independent callback,
// portal check or in-person check) is never the one who took it in. A request is verified
// once; a failed verification rejects it for good.

export type VerificationFacts = { staff: StaffFacts; request: { receivedById: string; status: string } };

export function decideVerification({ staff, request }: VerificationFacts): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, "legal:verify");
  if (!allowed.allow) return allowed;
  if (request.receivedById === staff.id) return deny("LEGAL_SELF_VERIFICATION");
  // Awaiting verification: just received, or being checked with the agency (lib/policy/legal-status.ts).
  if (request.status !== "RECEIVED" && request.status !== "VERIFYING") return deny("LEGAL_NOT_VERIFIABLE");
  return { allow: true };
}
