import type { CaseFacts } from "../facts";
import { decideGrantRequest, type RequestedScope } from "../grant-request";
import { BASES, PURPOSE_FOR_BASIS, type Basis, type Purpose } from "../purposes";
import type { Region, Role } from "../roles";
import { LINKED_ACCOUNT, ME, OTHER, ROLE_SAMPLES, conflicting, firstFailing, minutesAgo, product, type MatrixCase } from "./types";

// Layer 3: requesting a grant — role × basis × right or wrong purpose × justification ×
// case state × residency × conflict × protected participant × requested scope, plus the
// basis-specific facts (legal verification and named accounts; the appeal's original
// reviewers). Expected: the refusal, or ALLOWED with the scope and why a second person is needed.

const COUNT = 200;
const ANCHOR = 100;
type Requested = "default" | "wide positions" | "positions without the report" | "window" | "window over 72 h";
const REQUESTED: Record<Requested, RequestedScope | undefined> = {
  default: undefined,
  "wide positions": { kind: "positions", from: 60, to: 120 },
  "positions without the report": { kind: "positions", from: 1, to: 20 },
  window: { kind: "window", sentFrom: minutesAgo(60 * 48), sentTo: minutesAgo(0), positions: { from: 50, to: 150 } },
  "window over 72 h": { kind: "window", sentFrom: minutesAgo(60 * 73), sentTo: minutesAgo(0), positions: { from: 1, to: 200 } },
};
const PURPOSE_ROLES: Record<Purpose, Role[]> = { USER_REPORT: ["REVIEWER", "LEAD"], PROACTIVE_FLAG: ["REVIEWER", "LEAD"], LEGAL_PROCESS: ["LEGAL"], EMERGENCY: ["REVIEWER", "LEAD", "LEGAL"], APPEAL: ["REVIEWER", "LEAD"] };
const WRONG_PURPOSE: Record<Basis, Purpose> = { USER_REPORT: "APPEAL", PROACTIVE_FLAG: "USER_REPORT", LEGAL_REQUEST: "EMERGENCY", EMERGENCY: "LEGAL_PROCESS", APPEAL: "USER_REPORT" };
const EXTRA: Record<Basis, string[]> = {
  USER_REPORT: ["-"],
  PROACTIVE_FLAG: ["-"],
  EMERGENCY: ["-"],
  APPEAL: ["different reviewer", "same reviewer"],
  LEGAL_REQUEST: ["verified by another", "verified by me", "unverified", "account not named", "subpoena", "preservation"],
};

function expectedScope(purpose: Purpose, requested: Requested, extra: string): { reason?: string; scope?: [number, number] } {
  const anchored = (radius: number) =>
    requested === "default" ? { scope: [ANCHOR - radius, ANCHOR + radius] as [number, number] } : requested === "wide positions" ? { scope: [60, 120] as [number, number] } : { reason: "SCOPE_INVALID" };
  switch (purpose) {
    case "USER_REPORT":
      return anchored(10);
    case "PROACTIVE_FLAG":
      return anchored(5);
    case "APPEAL":
      return extra === "same reviewer" ? { reason: "SAME_REVIEWER" } : anchored(10);
    case "LEGAL_PROCESS":
      return extra === "unverified" ? { reason: "LEGAL_NOT_VERIFIED" } : extra === "verified by me" ? { reason: "LEGAL_SELF_VERIFIED" } : extra === "account not named" ? { reason: "NOT_NAMED_ACCOUNT" } : extra === "subpoena" ? { reason: "LEGAL_BASIS" } : extra === "preservation" ? { reason: "LEGAL_HOLD_ONLY" } : { scope: [1, 40] };
    case "EMERGENCY":
      return requested === "window" ? { scope: [50, 150] } : requested === "window over 72 h" ? { reason: "WINDOW_TOO_WIDE" } : { reason: "SCOPE_REQUIRED" };
  }
}

export function grantLayer(): MatrixCase[] {
  return BASES.flatMap((basis) =>
    product({
      roles: ROLE_SAMPLES,
      rightPurpose: [true, false],
      justification: ["a justification long enough to pass", "too short"],
      state: ["mine", "someone else's", "closed"] as const,
      regionCovered: [true, false],
      linked: [false, true],
      protectedParticipant: [false, true],
      requested: Object.keys(REQUESTED) as Requested[],
      extra: EXTRA[basis],
    }).map((c): MatrixCase => {
      const purpose = c.rightPurpose ? PURPOSE_FOR_BASIS[basis] : WRONG_PURPOSE[basis];
      const staff = { id: ME, roles: c.roles, regions: (c.regionCovered ? ["US", "EU"] : ["EU"]) as Region[], disabled: false, linkedAccountIds: c.linked ? [LINKED_ACCOUNT] : [] };
      const kase: CaseFacts = {
        basis,
        status: c.state === "closed" ? "CLOSED" : "IN_REVIEW",
        assigneeId: c.state === "someone else's" ? OTHER : ME,
        participants: [
          { accountId: LINKED_ACCOUNT, dataRegion: "US", isProtected: c.protectedParticipant },
          { accountId: "p2", dataRegion: "EU", isProtected: false },
        ],
        messageCount: COUNT,
        anchors: basis === "USER_REPORT" || basis === "PROACTIVE_FLAG" ? [ANCHOR] : [],
        appealOf: basis === "APPEAL" ? { reviewerIds: c.extra === "same reviewer" ? [ME, OTHER] : [OTHER], anchors: [ANCHOR] } : null,
        legal:
          basis === "LEGAL_REQUEST"
            ? { verifiedById: c.extra === "unverified" ? null : c.extra === "verified by me" ? ME : OTHER, namedAccountIds: c.extra === "account not named" ? ["someone"] : ["p2"], range: { from: 1, to: 40 }, instrument: c.extra === "subpoena" ? "SUBPOENA" : c.extra === "preservation" ? "PRESERVATION" : "SEARCH_WARRANT", jurisdiction: "US" }
            : null,
      };
      const scope = expectedScope(purpose, c.requested, c.extra);
      let expected = firstFailing([
        [!conflicting(c.roles), "ROLE_CONFLICT"],
        [c.roles.some((r) => ["REVIEWER", "LEAD", "LEGAL"].includes(r)), "ROLE"],
        [c.rightPurpose, "PURPOSE_MISMATCH"],
        [c.roles.some((r) => PURPOSE_ROLES[purpose].includes(r)), "ROLE"],
        [c.justification !== "too short", "JUSTIFICATION_TOO_SHORT"],
        [c.state !== "closed", "CASE_CLOSED"],
        [c.state === "mine", "NOT_ASSIGNED"],
        [c.regionCovered, "RESIDENCY"],
        [!c.linked, "CONFLICT_OF_INTEREST"],
        [!scope.reason, scope.reason ?? ""],
      ]);
      if (expected === "ALLOWED" && scope.scope) {
        const [from, to] = scope.scope;
        const triggers = [c.protectedParticipant && "PROTECTED_ACCOUNT", (purpose === "LEGAL_PROCESS" || purpose === "EMERGENCY") && "PURPOSE", to - from + 1 > 50 && "WIDE_SCOPE"].filter(Boolean);
        expected = `ALLOWED ${from}-${to} approval:[${triggers.join(",")}]`;
      }
      return {
        name: `grant ${basis} ${JSON.stringify({ ...c, purpose })}`,
        actual: () => {
          const d = decideGrantRequest({ staff, kase, purpose, justification: c.justification, requested: REQUESTED[c.requested] });
          return d.allow ? `ALLOWED ${d.scope.from}-${d.scope.to} approval:[${d.approvalTriggers.join(",")}]` : d.reason;
        },
        expected,
      };
    }),
  );
}

