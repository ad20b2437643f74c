import { decideConversationAccess } from "./conversation-access";
import type { ConversationFacts, GrantFacts, StaffFacts } from "./facts";
import { DEFAULT_READ_LIMIT_PER_HOUR, MINUTE, STEP_UP_MINUTES } from "./limits";
import { PURPOSE_ROLES, type Scope } from "./purposes";
import { deny, type Denial, type PolicyDecision } from "./reasons";

// Decides whether one staff member may read DM content of one case right now. The order of
// checks is the order of the reasons a reader sees: who you are, which case, which grant,
// then the step-up and the hourly limit (so a refusal names the most fundamental problem).

export type ReadFacts = {
  staff: StaffFacts;
  kase: ConversationFacts;
  grant: GrantFacts | null;
  now: Date;
  requestedPositions?: readonly number[];
  /** When this session last passed a TOTP check; null if never. */
  stepUpAt: Date | null;
  /** Reads by this reader in the last hour including this one; omitted before it is counted. */
  readsInLastHour?: number;
  readLimitPerHour?: number;
};

export function stepUpIsFresh(stepUpAt: Date | null, now: Date): boolean {
  return stepUpAt !== null && stepUpAt.getTime() <= now.getTime() && now.getTime() - stepUpAt.getTime() < STEP_UP_MINUTES * MINUTE;
}

export function decideContentRead(input: ReadFacts): PolicyDecision<{ scope: Scope }> {
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
  if (!stepUpIsFresh(input.stepUpAt, input.now)) return deny("STEP_UP_REQUIRED");
  const limit = input.readLimitPerHour ?? DEFAULT_READ_LIMIT_PER_HOUR;
  if (input.readsInLastHour !== undefined && input.readsInLastHour > limit) {
    return deny("READ_LIMIT", `The limit is ${limit} reads per hour.`);
  }
  return { allow: true, scope: { from: g.scopeFrom, to: g.scopeTo } };
}

/**
 * The write re-checks the grant, its scope and the hourly limit atomically
 * (lib/access/read-queries.ts) and writes nothing when one of them no longer holds: this names
 * that refusal.
 */
export function refusalAtReveal(facts: { grantLive: boolean; inScope: boolean; grantExpiresAt: Date; now: Date; readLimitPerHour?: number }): Denial {
  if (!facts.grantLive) return deny(facts.grantExpiresAt <= facts.now ? "GRANT_EXPIRED" : "GRANT_ENDED");
  if (!facts.inScope) return deny("OUT_OF_SCOPE");
  return deny("READ_LIMIT", `The limit is ${facts.readLimitPerHour ?? DEFAULT_READ_LIMIT_PER_HOUR} reads per hour.`);
}
