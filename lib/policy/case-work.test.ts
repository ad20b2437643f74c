import { describe, expect, it } from "vitest";
import { decideClaim } from "./case-work";
import { decideResidency } from "./conversation-access";
import type { CaseFacts, StaffFacts } from "./facts";

const me = "me";
const reviewer: StaffFacts = { id: me, roles: ["REVIEWER"], regions: ["US"], disabled: false, linkedAccountIds: [] };
const open = (over: Partial<CaseFacts>): CaseFacts => ({
  basis: "USER_REPORT",
  status: "OPEN",
  assigneeId: null,
  participants: [{ accountId: "a", dataRegion: "US", isProtected: false }],
  messageCount: 40,
  anchors: [20],
  ...over,
});
const reason = (d: ReturnType<typeof decideClaim>) => (d.allow ? "ALLOWED" : d.reason);

// An appeal goes to someone other than the original case's reviewers; the rule is about appeals.
describe("decideClaim: the original reviewers", () => {
  it("are refused an appeal of their case, and not a case of another basis", () => {
    const original = { reviewerIds: [me], anchors: [20] };
    expect(reason(decideClaim(reviewer, open({ basis: "APPEAL", appealOf: original })))).toBe("SAME_REVIEWER");
    expect(reason(decideClaim(reviewer, open({ basis: "USER_REPORT", appealOf: original })))).toBe("ALLOWED");
  });
});

describe("decideResidency", () => {
  it("names every uncovered region once, and the staff member's regions (or none)", () => {
    const kase = { participants: [{ accountId: "a", dataRegion: "US" as const }, { accountId: "b", dataRegion: "EU" as const }, { accountId: "c", dataRegion: "EU" as const }] };
    const none = decideResidency({ ...reviewer, regions: [] }, kase);
    expect(none.allow ? "" : none.message).toMatch(/holds US, EU data; your regions are none\.$/);
    const us = decideResidency(reviewer, kase);
    expect(us.allow ? "" : us.message).toMatch(/holds EU data; your regions are US\.$/);
  });
});
