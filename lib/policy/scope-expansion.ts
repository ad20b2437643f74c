import { approvalTriggers, type ApprovalTrigger } from "./approval-triggers";
import { decideConversationAccess } from "./conversation-access";
import type { CaseFacts, GrantFacts, StaffFacts } from "./facts";
import { EXPANSION_STEP, MIN_JUSTIFICATION } from "./limits";
import { PURPOSE_RULES, type Scope } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// "Show 10 earlier / later messages" is a new, justified, logged step, not a UI nicety: it
// needs the reader's own live grant, a fresh justification, and a second person whenever the
// widened scope would need one for a new request.

export type ExpansionDirection = "earlier" | "later";

export function decideScopeExpansion(input: {
  staff: StaffFacts;
  kase: CaseFacts;
  grant: GrantFacts | null;
  direction: ExpansionDirection;
  justification: string;
  now: Date;
}): PolicyDecision<{ scope: Scope; approvalTriggers: ApprovalTrigger[] }> {
  const { staff, kase, grant: g, now } = input;
  const base = decideConversationAccess(staff, kase, "grant:expand");
  if (!base.allow) return base;
  if (!g || g.staffId !== staff.id || g.status === "REJECTED") return deny("NO_GRANT");
  if (g.status === "PENDING") return deny("GRANT_PENDING");
  if (g.status === "ENDED") return deny("GRANT_ENDED");
  if (g.expiresAt <= now) return deny("GRANT_EXPIRED");
  if (!PURPOSE_RULES[g.purpose].expandable) return deny("SCOPE_FIXED");
  if (input.justification.trim().length < MIN_JUSTIFICATION) return deny("JUSTIFICATION_TOO_SHORT");
  const scope =
    input.direction === "earlier"
      ? { from: Math.max(1, g.scopeFrom - EXPANSION_STEP), to: g.scopeTo }
      : { from: g.scopeFrom, to: Math.min(kase.messageCount, g.scopeTo + EXPANSION_STEP) };
  if (scope.from === g.scopeFrom && scope.to === g.scopeTo) return deny("SCOPE_AT_EDGE");
  return { allow: true, scope, approvalTriggers: approvalTriggers(kase, g.purpose, scope) };
}
