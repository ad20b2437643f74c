import { describe, expect, it } from "vitest";
import type { Role } from "./roles";
import { decidePostHocReview, type EmergencyGrantFacts } from "./post-hoc-review";

// Who may review an emergency access after the fact, and when: every way to get it wrong.
const holder = "holder";
const approver = "approver";
const staff = (id: string, roles: Role[], over: Partial<{ regions: ("US" | "EU")[]; disabled: boolean; linkedAccountIds: string[] }> = {}) => ({
  id,
  roles,
  regions: over.regions ?? (["US", "EU"] as ("US" | "EU")[]),
  disabled: over.disabled ?? false,
  linkedAccountIds: over.linkedAccountIds ?? [],
});
const grant = (over: Partial<EmergencyGrantFacts> = {}): EmergencyGrantFacts => ({ staffId: holder, approvedById: approver, purpose: "EMERGENCY", status: "ENDED", postHocReviewedAt: null, ...over });
const kase = { participants: [{ accountId: "a", dataRegion: "US" as const }, { accountId: "b", dataRegion: "EU" as const }] };
const reason = (d: ReturnType<typeof decidePostHocReview>) => (d.allow ? "ALLOWED" : d.reason);

describe("decidePostHocReview", () => {
  it("lets a lead or a legal specialist with no part in it review an approved emergency grant, live or ended", () => {
    for (const roles of [["LEAD"], ["LEGAL"]] as Role[][]) {
      for (const status of ["ACTIVE", "ENDED"] as const) expect(reason(decidePostHocReview({ reviewer: staff("other", roles), grant: grant({ status }), kase })), `${roles} ${status}`).toBe("ALLOWED");
    }
  });

  it("refuses other roles, conflicting role sets and disabled staff", () => {
    for (const roles of [["REVIEWER"], ["AUDITOR"], ["ADMIN"]] as Role[][]) expect(reason(decidePostHocReview({ reviewer: staff("other", roles), grant: grant(), kase }))).toBe("ROLE");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD", "AUDITOR"]), grant: grant(), kase }))).toBe("ROLE_CONFLICT");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"], { disabled: true }), grant: grant(), kase }))).toBe("DISABLED");
  });

  it("refuses the holder and the approver", () => {
    expect(reason(decidePostHocReview({ reviewer: staff(holder, ["LEAD"]), grant: grant(), kase }))).toBe("SELF_REVIEW");
    expect(reason(decidePostHocReview({ reviewer: staff(approver, ["LEAD"]), grant: grant(), kase }))).toBe("SELF_REVIEW");
  });

  it("refuses what is not an approved emergency grant, and a second review", () => {
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ purpose: "USER_REPORT" }), kase }))).toBe("NOT_EMERGENCY");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ status: "PENDING", approvedById: null }), kase }))).toBe("NOT_APPROVED");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ status: "REJECTED", approvedById: null }), kase }))).toBe("NOT_APPROVED");
    // Each condition on its own: no approver recorded, or a status that never opened anything.
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ status: "ACTIVE", approvedById: null }), kase }))).toBe("NOT_APPROVED");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ status: "PENDING" }), kase }))).toBe("NOT_APPROVED");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ status: "REJECTED" }), kase }))).toBe("NOT_APPROVED");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"]), grant: grant({ postHocReviewedAt: new Date() }), kase }))).toBe("ALREADY_REVIEWED");
  });

  it("applies residency and conflict of interest to the reviewer too", () => {
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"], { regions: ["US"] }), grant: grant(), kase }))).toBe("RESIDENCY");
    expect(reason(decidePostHocReview({ reviewer: staff("other", ["LEAD"], { linkedAccountIds: ["b"] }), grant: grant(), kase }))).toBe("CONFLICT_OF_INTEREST");
  });
});
