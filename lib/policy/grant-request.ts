import { decideConversationAccess, type CaseFacts, type StaffFacts } from "./content-access";
import { can } from "./permissions";
import { MIN_JUSTIFICATION, PURPOSE_FOR_BASIS, PURPOSE_ROLES, SCOPE_RADIUS, defaultScope, type Basis, type Purpose } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// Decides a request for an access grant: who may ask, for which purpose, over which scope.
export function decideGrantRequest(input: {
  staff: StaffFacts;
  kase: CaseFacts & { basis: Basis };
  purpose: Purpose;
  justification: string;
  reportedPositions: readonly number[];
  messageCount: number;
}): PolicyDecision<{ scope: { from: number; to: number } }> {
  const { staff, kase, purpose } = input;
  if (staff.disabled) return deny("DISABLED");
  if (!can(staff.roles, "grant:request")) return deny("ROLE");
  if (purpose !== PURPOSE_FOR_BASIS[kase.basis]) return deny("PURPOSE_MISMATCH");
  if (!staff.roles.some((r) => PURPOSE_ROLES[purpose].includes(r))) return deny("ROLE");
  if (input.justification.trim().length < MIN_JUSTIFICATION) return deny("JUSTIFICATION_TOO_SHORT");
  const base = decideConversationAccess(staff, kase);
  if (!base.allow) return base;
  const radius = SCOPE_RADIUS[purpose] ?? 0;
  const scope = defaultScope(input.reportedPositions, radius, input.messageCount);
  if (!scope) return deny("NO_GRANT");
  return { allow: true, scope };
}
