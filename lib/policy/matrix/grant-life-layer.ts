import type { GrantStatus } from "../enums";
import type { GrantFacts } from "../facts";
import { PURPOSES } from "../purposes";
import { decideRevocation } from "../revocation";
import { decideScopeExpansion } from "../scope-expansion";
import { decideSession } from "../session";
import { ME, NOW, OTHER, ROLE_SAMPLES, conflicting, firstFailing, minutesAgo, outcome, product, type MatrixCase } from "./types";

// Layer 7: a grant's life after it is made — widening (role × grant state × purpose ×
// direction × where the scope sits × protected participant), revocation (role × status ×
// expiry) — and sessions (age × idle time × ended).

const SCOPES = { "middle, 21 wide": [40, 60], "at the start": [1, 21], "at the end": [80, 100], "45 wide": [30, 74] } as const;

export function grantLifeLayer(): MatrixCase[] {
  const expansions = product({
    roles: ROLE_SAMPLES,
    grant: ["mine", "someone else's", "pending", "ended", "expired", "none"] as const,
    purpose: PURPOSES,
    direction: ["earlier", "later"] as const,
    scope: Object.keys(SCOPES) as (keyof typeof SCOPES)[],
    protectedParticipant: [false, true],
    justification: ["widening to see how the exchange began", "short"],
  }).map((c): MatrixCase => {
    const [from, to] = SCOPES[c.scope];
    const grant: GrantFacts | null =
      c.grant === "none" ? null : { staffId: c.grant === "someone else's" ? OTHER : ME, purpose: c.purpose, status: (c.grant === "pending" ? "PENDING" : c.grant === "ended" ? "ENDED" : "ACTIVE") as GrantStatus, expiresAt: c.grant === "expired" ? minutesAgo(1) : minutesAgo(-10), scopeFrom: from, scopeTo: to };
    const next = c.direction === "earlier" ? [Math.max(1, from - 10), to] : [from, Math.min(100, to + 10)];
    let expected = firstFailing([
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [c.roles.some((r) => ["REVIEWER", "LEAD", "LEGAL"].includes(r)), "ROLE"],
      [!["none", "someone else's"].includes(c.grant), "NO_GRANT"],
      [c.grant !== "pending", "GRANT_PENDING"],
      [c.grant !== "ended", "GRANT_ENDED"],
      [c.grant !== "expired", "GRANT_EXPIRED"],
      [c.purpose !== "LEGAL_PROCESS" && c.purpose !== "EMERGENCY", "SCOPE_FIXED"],
      [c.justification !== "short", "JUSTIFICATION_TOO_SHORT"],
      [!(next[0] === from && next[1] === to), "SCOPE_AT_EDGE"],
    ]);
    if (expected === "ALLOWED") expected = `ALLOWED ${next[0]}-${next[1]} approval:[${[c.protectedParticipant && "PROTECTED_ACCOUNT", next[1]! - next[0]! + 1 > 50 && "WIDE_SCOPE"].filter(Boolean).join(",")}]`;
    return {
      name: `widen ${JSON.stringify(c)}`,
      actual: () => {
        const d = decideScopeExpansion({
          staff: { id: ME, roles: c.roles, regions: ["US"], disabled: false, linkedAccountIds: [] },
          kase: { status: "IN_REVIEW", assigneeId: ME, participants: [{ accountId: "p1", dataRegion: "US", isProtected: c.protectedParticipant }], messageCount: 100, basis: "USER_REPORT", anchors: [50] },
          grant,
          direction: c.direction,
          justification: c.justification,
          now: NOW,
        });
        return d.allow ? `ALLOWED ${d.scope.from}-${d.scope.to} approval:[${d.approvalTriggers.join(",")}]` : d.reason;
      },
      expected,
    };
  });

  const revocations = product({ roles: ROLE_SAMPLES, status: ["ACTIVE", "PENDING", "REJECTED", "ENDED"] as GrantStatus[], expired: [false, true] }).map(
    (c): MatrixCase => ({
      name: `revoke ${JSON.stringify(c)}`,
      actual: () => outcome(decideRevocation({ staff: { id: ME, roles: c.roles, regions: ["US"], disabled: false, linkedAccountIds: [] }, grant: { status: c.status, expiresAt: c.expired ? minutesAgo(1) : minutesAgo(-5) }, now: NOW })),
      expected: firstFailing([
        [!conflicting(c.roles), "ROLE_CONFLICT"],
        [c.roles.includes("LEAD"), "ROLE"],
        [c.status === "ACTIVE" && !c.expired, "GRANT_NOT_LIVE"],
      ]),
    }),
  );

  const sessions = product({ ageMinutes: [0, 60, 719, 720], idleMinutes: [0, 29, 30], ended: [false, true] }).map(
    (c): MatrixCase => ({
      name: `session ${JSON.stringify(c)}`,
      actual: () => outcome(decideSession({ createdAt: minutesAgo(c.ageMinutes), lastSeenAt: minutesAgo(Math.min(c.idleMinutes, c.ageMinutes)), endedAt: c.ended ? minutesAgo(0) : null }, NOW)),
      expected: firstFailing([
        [!c.ended, "SESSION_ENDED"],
        [c.ageMinutes < 720, "SESSION_MAX_AGE"],
        [Math.min(c.idleMinutes, c.ageMinutes) < 30, "SESSION_IDLE"],
      ]),
    }),
  );
  return [...expansions, ...revocations, ...sessions];
}
