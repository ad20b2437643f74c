import { decideContentRead } from "../content-access";
import type { GrantFacts } from "../facts";
import type { Purpose } from "../purposes";
import type { Region } from "../roles";
import { LINKED_ACCOUNT, ME, NOW, OTHER, ROLE_SAMPLES, conflicting, firstFailing, minutesAgo, outcome, product, type MatrixCase } from "./types";

// Layer 2: reading content — role × disabled × case status × assignment × residency ×
// conflict of interest × grant state × grant purpose × requested ids × step-up × hourly count.

type GrantState = "none" | "active" | "pending" | "ended" | "expired" | "rejected" | "someone else's";
const LIMIT = 60;

export function contentLayer(): MatrixCase[] {
  const combos = product({
    roles: ROLE_SAMPLES,
    disabled: [false, true],
    closed: [false, true],
    assigned: [true, false],
    regionCovered: [true, false],
    linked: [false, true],
    grant: ["active", "none", "pending", "ended", "expired", "rejected", "someone else's"] as GrantState[],
    purpose: ["USER_REPORT", "LEGAL_PROCESS"] as Purpose[],
    request: ["scope", "inside", "outside"] as const,
    stepUp: ["fresh", "stale", "never"] as const,
    reads: [LIMIT, LIMIT + 1],
  });
  return combos.map((c) => {
    const staff = { id: ME, roles: c.roles, regions: (c.regionCovered ? ["US", "EU"] : ["US"]) as Region[], disabled: c.disabled, linkedAccountIds: c.linked ? [LINKED_ACCOUNT] : [] };
    const kase = {
      status: c.closed ? ("CLOSED" as const) : ("IN_REVIEW" as const),
      assigneeId: c.assigned ? ME : OTHER,
      participants: [
        { accountId: LINKED_ACCOUNT, dataRegion: "US" as const },
        { accountId: "p2", dataRegion: "EU" as const },
      ],
    };
    const grant: GrantFacts | null =
      c.grant === "none"
        ? null
        : {
            staffId: c.grant === "someone else's" ? OTHER : ME,
            purpose: c.purpose,
            status: c.grant === "pending" ? "PENDING" : c.grant === "ended" ? "ENDED" : c.grant === "rejected" ? "REJECTED" : "ACTIVE",
            expiresAt: c.grant === "expired" ? minutesAgo(1) : minutesAgo(-20),
            scopeFrom: 10,
            scopeTo: 30,
          };
    const purposeRoles = c.purpose === "LEGAL_PROCESS" ? ["LEGAL"] : ["REVIEWER", "LEAD"];
    const expected = firstFailing([
      [!c.disabled, "DISABLED"],
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [c.roles.some((r) => ["REVIEWER", "LEAD", "LEGAL"].includes(r)), "ROLE"],
      [!c.closed, "CASE_CLOSED"],
      [c.assigned, "NOT_ASSIGNED"],
      [c.regionCovered, "RESIDENCY"],
      [!c.linked, "CONFLICT_OF_INTEREST"],
      [!["none", "someone else's", "rejected"].includes(c.grant), "NO_GRANT"],
      [c.roles.some((r) => purposeRoles.includes(r)), "ROLE"],
      [c.grant !== "pending", "GRANT_PENDING"],
      [c.grant !== "ended", "GRANT_ENDED"],
      [c.grant !== "expired", "GRANT_EXPIRED"],
      [c.request !== "outside", "OUT_OF_SCOPE"],
      [c.stepUp === "fresh", "STEP_UP_REQUIRED"],
      [c.reads <= LIMIT, "READ_LIMIT"],
    ]);
    return {
      name: `read ${JSON.stringify(c)}`,
      actual: () =>
        outcome(decideContentRead({
          staff,
          kase,
          grant,
          now: NOW,
          requestedPositions: c.request === "scope" ? undefined : c.request === "inside" ? [10, 30] : [9, 20],
          stepUpAt: c.stepUp === "fresh" ? minutesAgo(14) : c.stepUp === "stale" ? minutesAgo(15) : null,
          readsInLastHour: c.reads,
          readLimitPerHour: LIMIT,
        })),
      expected,
    };
  });
}

