import type { CaseFacts } from "./facts";
import { WIDE_SCOPE_MESSAGES } from "./limits";
import { PURPOSE_RULES, scopeWidth, type Purpose, type Scope } from "./purposes";

// When a grant needs a second person: protected accounts (journalists, officials, staff's own
// accounts), purposes that always do (LEGAL_PROCESS, EMERGENCY), and any scope wider than
// WIDE_SCOPE_MESSAGES. The reasons are stored on the grant and shown to the approver.
export const APPROVAL_TRIGGERS = {
  PROTECTED_ACCOUNT: "a participant is a protected account",
  PURPOSE: "the purpose always needs a second person",
  WIDE_SCOPE: `the scope is wider than ${WIDE_SCOPE_MESSAGES} messages`,
} as const;

export type ApprovalTrigger = keyof typeof APPROVAL_TRIGGERS;

export function approvalTriggers(kase: { participants: readonly Pick<CaseFacts["participants"][number], "isProtected">[] }, purpose: Purpose, scope: Scope): ApprovalTrigger[] {
  const out: ApprovalTrigger[] = [];
  if (kase.participants.some((p) => p.isProtected)) out.push("PROTECTED_ACCOUNT");
  if (PURPOSE_RULES[purpose].alwaysNeedsApproval) out.push("PURPOSE");
  if (scopeWidth(scope) > WIDE_SCOPE_MESSAGES) out.push("WIDE_SCOPE");
  return out;
}
