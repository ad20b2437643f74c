import { approvalTriggers, type ApprovalTrigger } from "./approval-triggers";
import { decideConversationAccess } from "./conversation-access";
import type { CaseFacts, StaffFacts } from "./facts";
import { decideLegalBasis } from "./legal-basis";
import { EMERGENCY_MAX_HOURS, HOUR, MIN_JUSTIFICATION } from "./limits";
import { decidePermission } from "./permissions";
import { PURPOSE_FOR_BASIS, PURPOSE_RULES, anchoredScope, type Purpose, type Scope } from "./purposes";
import { deny, type PolicyDecision } from "./reasons";

// Decides a request for an access grant: who may ask, for which purpose, over which scope, and
// whether a second person must approve it before it opens anything.

export type RequestedScope =
  /** Explicit positions (USER_REPORT, PROACTIVE_FLAG, APPEAL): must contain the anchors. */
  | { kind: "positions"; from: number; to: number }
  /** A time window (EMERGENCY); `positions` are the messages inside it, null if none. */
  | { kind: "window"; sentFrom: Date; sentTo: Date; positions: Scope | null };

export type GrantRequestFacts = {
  staff: StaffFacts;
  kase: CaseFacts;
  purpose: Purpose;
  justification: string;
  requested?: RequestedScope;
};

export type GrantRequestDecision = PolicyDecision<{ scope: Scope; approvalTriggers: ApprovalTrigger[] }>;

export function decideGrantRequest(input: GrantRequestFacts): GrantRequestDecision {
  const { staff, kase, purpose } = input;
  if (staff.disabled) return deny("DISABLED");
  const allowed = decidePermission(staff.roles, "grant:request");
  if (!allowed.allow) return allowed;
  if (purpose !== PURPOSE_FOR_BASIS[kase.basis]) return deny("PURPOSE_MISMATCH");
  if (!staff.roles.some((r) => PURPOSE_RULES[purpose].roles.includes(r))) return deny("ROLE");
  if (input.justification.trim().length < MIN_JUSTIFICATION) return deny("JUSTIFICATION_TOO_SHORT");
  const base = decideConversationAccess(staff, kase, "grant:request");
  if (!base.allow) return base;
  const scope = scopeFor(input);
  if (!scope.allow) return scope;
  return { allow: true, scope: scope.scope, approvalTriggers: approvalTriggers(kase, purpose, scope.scope) };
}

function scopeFor({ staff, kase, purpose, requested }: GrantRequestFacts): PolicyDecision<{ scope: Scope }> {
  const rule = PURPOSE_RULES[purpose].scope;
  switch (rule.kind) {
    case "anchors":
      return anchoredOrRequested(kase.anchors, rule.radius, kase.messageCount, requested);
    case "original-case": {
      if (!kase.appealOf) return deny("SCOPE_EMPTY");
      if (kase.appealOf.reviewerIds.includes(staff.id)) return deny("SAME_REVIEWER");
      return anchoredOrRequested(kase.appealOf.anchors, rule.radius, kase.messageCount, requested);
    }
    case "legal-range": {
      const legal = kase.legal;
      if (!legal?.verifiedById) return deny("LEGAL_NOT_VERIFIED");
      if (legal.verifiedById === staff.id) return deny("LEGAL_SELF_VERIFIED");
      if (!kase.participants.some((p) => legal.namedAccountIds.includes(p.accountId))) return deny("NOT_NAMED_ACCOUNT");
      // A grant reveals content: the instrument must reach it (a subpoena never does). Approval
      // always follows (LEGAL_PROCESS always needs a second person), so it is not asked here.
      const basis = decideLegalBasis({ instrument: legal.instrument, jurisdiction: legal.jurisdiction, dataType: "CONTENT", verified: true, approved: true });
      if (!basis.allow) return basis;
      if (basis.purpose !== "LEGAL_PROCESS") return deny("PURPOSE_MISMATCH", "An emergency disclosure request opens EMERGENCY access.");
      return legal.range ? { allow: true, scope: legal.range } : deny("SCOPE_EMPTY");
    }
    case "window": {
      if (requested?.kind !== "window") return deny("SCOPE_REQUIRED");
      const span = requested.sentTo.getTime() - requested.sentFrom.getTime();
      if (!(span >= 0)) return deny("SCOPE_INVALID");
      if (span > EMERGENCY_MAX_HOURS * HOUR) return deny("WINDOW_TOO_WIDE");
      return requested.positions ? { allow: true, scope: requested.positions } : deny("SCOPE_EMPTY");
    }
  }
}

/** The default scope, or an explicit one that stays inside the conversation and keeps the anchors. */
function anchoredOrRequested(anchors: readonly number[], radius: number, count: number, requested?: RequestedScope): PolicyDecision<{ scope: Scope }> {
  const fallback = anchoredScope(anchors, radius, count);
  if (!fallback) return deny("SCOPE_EMPTY");
  if (!requested) return { allow: true, scope: fallback };
  if (requested.kind !== "positions") return deny("SCOPE_INVALID");
  const { from, to } = requested;
  const valid = Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to <= count && from <= to && anchors.every((a) => a >= from && a <= to);
  return valid ? { allow: true, scope: { from, to } } : deny("SCOPE_INVALID");
}
