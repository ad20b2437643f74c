import { can } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";
import { PURPOSE_ROLES, type Purpose } from "./purposes";
import type { Region, Role } from "./roles";

// Decides whether one staff member may read DM content of one case right now. Pure: every
// fact it needs is passed in, so the whole matrix is testable without a database.

export type StaffFacts = { id: string; roles: readonly Role[]; regions: readonly Region[]; disabled: boolean; linkedAccountIds: readonly string[] };
export type CaseFacts = {
  status: "OPEN" | "IN_REVIEW" | "ESCALATED" | "CLOSED";
  assigneeId: string | null;
  participants: readonly { accountId: string; dataRegion: Region }[];
};
export type GrantFacts = { staffId: string; purpose: Purpose; status: "PENDING" | "ACTIVE" | "REJECTED" | "ENDED"; expiresAt: Date; scopeFrom: number; scopeTo: number };

/** Rules that hold for any access to a conversation, before and after a grant exists. */
export function decideConversationAccess(staff: StaffFacts, kase: CaseFacts): PolicyDecision {
  if (staff.disabled) return deny("DISABLED");
  if (!can(staff.roles, "content:read")) return deny("ROLE");
  if (kase.status === "CLOSED") return deny("CASE_CLOSED");
  if (kase.assigneeId !== staff.id) return deny("NOT_ASSIGNED");
  if (!kase.participants.every((p) => staff.regions.includes(p.dataRegion))) return deny("RESIDENCY");
  if (kase.participants.some((p) => staff.linkedAccountIds.includes(p.accountId))) return deny("CONFLICT_OF_INTEREST");
  return { allow: true };
}

export function decideContentRead(input: {
  staff: StaffFacts;
  kase: CaseFacts;
  grant: GrantFacts | null;
  now: Date;
  requestedPositions?: readonly number[];
}): PolicyDecision<{ scope: { from: number; to: number } }> {
  const base = decideConversationAccess(input.staff, input.kase);
  if (!base.allow) return base;
  const g = input.grant;
  if (!g || g.staffId !== input.staff.id || g.status === "REJECTED") return deny("NO_GRANT");
  // A grant is only as good as the role that may use its purpose (LEGAL_PROCESS is for LEGAL).
  if (!input.staff.roles.some((r) => PURPOSE_ROLES[g.purpose].includes(r))) return deny("ROLE");
  if (g.status === "PENDING") return deny("GRANT_PENDING");
  if (g.status === "ENDED") return deny("GRANT_ENDED");
  if (g.expiresAt <= input.now) return deny("GRANT_EXPIRED");
  if (input.requestedPositions?.some((p) => p < g.scopeFrom || p > g.scopeTo)) return deny("OUT_OF_SCOPE");
  return { allow: true, scope: { from: g.scopeFrom, to: g.scopeTo } };
}
