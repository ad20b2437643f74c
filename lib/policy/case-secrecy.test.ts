import { describe, expect, it } from "vitest";
import { hidesClaimableCase, hidesHeldCase } from "./case-secrecy";

// Which cases a refusal may talk about: only the caller's own, or (to claim) one nobody holds
// that they may see. Everything else is answered as a case that does not exist.
const me = { id: "me", roles: ["REVIEWER"] as const, regions: ["US"] as const, disabled: false, linkedAccountIds: [] as string[] };
const kase = (over: Partial<{ assigneeId: string | null; region: "US" | "EU"; basis: "USER_REPORT" | "LEGAL_REQUEST"; linked: boolean }> = {}) => ({
  assigneeId: over.assigneeId ?? null,
  basis: over.basis ?? "USER_REPORT",
  participants: [{ accountId: over.linked ? "mine" : "a", dataRegion: over.region ?? "US", isProtected: false }],
});

describe("hidesHeldCase (reading, asking for a grant)", () => {
  it("speaks only of the caller's own case", () => {
    expect(hidesHeldCase(me, { assigneeId: "me" })).toBe(false);
    expect(hidesHeldCase(me, { assigneeId: "someone else" })).toBe(true);
    expect(hidesHeldCase(me, { assigneeId: null })).toBe(true);
  });
});

describe("hidesClaimableCase", () => {
  it("speaks of a case nobody holds that the caller may see, and of their own", () => {
    expect(hidesClaimableCase(me, kase())).toBe(false);
    expect(hidesClaimableCase(me, kase({ assigneeId: "me", region: "EU" }))).toBe(false);
  });

  it("hides a case someone else holds, another basis, an uncovered region and a conflict of interest", () => {
    expect(hidesClaimableCase(me, kase({ assigneeId: "someone else" }))).toBe(true);
    expect(hidesClaimableCase(me, kase({ basis: "LEGAL_REQUEST" }))).toBe(true);
    expect(hidesClaimableCase(me, kase({ region: "EU" }))).toBe(true);
    expect(hidesClaimableCase({ ...me, linkedAccountIds: ["mine"] }, kase({ linked: true }))).toBe(true);
  });
});
