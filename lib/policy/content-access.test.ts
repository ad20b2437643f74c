import { describe, expect, it } from "vitest";
import { decideContentRead, refusalAtReveal, type ReadFacts } from "./content-access";

const now = new Date("2026-11-22T12:00:00Z");
const reader = "reader";

/** A reader who may read: claimed case, live grant on positions 10–30, fresh step-up. */
function facts(over: Partial<ReadFacts> = {}, grant: Partial<NonNullable<ReadFacts["grant"]>> = {}): ReadFacts {
  return {
    staff: { id: reader, roles: ["REVIEWER"], regions: ["US"], disabled: false, linkedAccountIds: [] },
    kase: { status: "IN_REVIEW", assigneeId: reader, participants: [{ accountId: "a", dataRegion: "US" }] },
    grant: { staffId: reader, purpose: "USER_REPORT", status: "ACTIVE", expiresAt: new Date(now.getTime() + 60_000), scopeFrom: 10, scopeTo: 30, ...grant },
    now,
    stepUpAt: new Date(now.getTime() - 60_000),
    ...over,
  };
}
const outcome = (f: ReadFacts) => {
  const d = decideContentRead(f);
  return d.allow ? "ALLOWED" : d.reason;
};

// A read by id one message past the scope was once let through and logged as ALLOWED: the
// scope's edges are inclusive, and one step beyond either edge is refused.
describe("decideContentRead: the scope's edges", () => {
  it.each([
    ["scopeFrom − 1", [9], "OUT_OF_SCOPE"],
    ["scopeFrom", [10], "ALLOWED"],
    ["scopeTo", [30], "ALLOWED"],
    ["scopeTo + 1", [31], "OUT_OF_SCOPE"],
    ["both edges together", [10, 30], "ALLOWED"],
    ["an edge and one past the other", [10, 31], "OUT_OF_SCOPE"],
    ["one before an edge and the other edge", [9, 30], "OUT_OF_SCOPE"],
  ])("a message at %s → %s", (_name, requestedPositions, want) => {
    expect(outcome(facts({ requestedPositions }))).toBe(want);
  });

  it("gives the whole grant's scope when no messages are named", () => {
    expect(decideContentRead(facts())).toEqual({ allow: true, scope: { from: 10, to: 30 } });
  });
});

// A grant is usable strictly before its expiry: at the exact instant it is expired.
describe("decideContentRead: the grant's expiry instant", () => {
  it.each([
    ["one millisecond before expiry", 1, "ALLOWED"],
    ["the exact expiry instant", 0, "GRANT_EXPIRED"],
    ["one millisecond after expiry", -1, "GRANT_EXPIRED"],
  ])("at %s → %s", (_name, msLeft, want) => {
    expect(outcome(facts({}, { expiresAt: new Date(now.getTime() + msLeft) }))).toBe(want);
  });

  it("names the exact expiry instant as expired when the write's re-check finds the grant gone", () => {
    expect(refusalAtReveal({ grantLive: false, inScope: false, grantExpiresAt: now, now }).reason).toBe("GRANT_EXPIRED");
  });
});

// The reason given when the write's own re-check finds the grant, the scope or the limit gone.
describe("refusalAtReveal", () => {
  it("names an expired grant as expired", () => {
    expect(refusalAtReveal({ grantLive: false, inScope: false, grantExpiresAt: new Date("2026-11-22T11:59:59Z"), now }).reason).toBe("GRANT_EXPIRED");
  });

  it("names a grant that is no longer live before its expiry as ended (revoked or decided)", () => {
    expect(refusalAtReveal({ grantLive: false, inScope: false, grantExpiresAt: new Date("2026-11-22T12:20:00Z"), now }).reason).toBe("GRANT_ENDED");
  });

  it("names messages outside the grant's scope as out of scope, when the grant is still live", () => {
    expect(refusalAtReveal({ grantLive: true, inScope: false, grantExpiresAt: new Date("2026-11-22T12:20:00Z"), now }).reason).toBe("OUT_OF_SCOPE");
  });

  it("names the hourly limit, with the limit, when the grant is still live and the messages in scope", () => {
    const r = refusalAtReveal({ grantLive: true, inScope: true, grantExpiresAt: new Date("2026-11-22T12:20:00Z"), now, readLimitPerHour: 7 });
    expect(r.reason).toBe("READ_LIMIT");
    expect(r.message).toMatch(/limit is 7 reads per hour/);
  });
});

// The hourly limit is the configured one when given (CUSTODY_READ_LIMIT_PER_HOUR), else the default.
describe("decideContentRead: the hourly read limit", () => {
  it.each([
    ["at a configured limit of 5", { readLimitPerHour: 5, readsInLastHour: 5 }, "ALLOWED"],
    ["one past a configured limit of 5", { readLimitPerHour: 5, readsInLastHour: 6 }, "READ_LIMIT"],
    ["at the default limit", { readsInLastHour: 60 }, "ALLOWED"],
    ["one past the default limit", { readsInLastHour: 61 }, "READ_LIMIT"],
  ])("%s → %s", (_name, over, want) => {
    expect(outcome(facts(over))).toBe(want);
  });

  it("names the configured limit in the refusal", () => {
    const d = decideContentRead(facts({ readLimitPerHour: 5, readsInLastHour: 6 }));
    expect(d.allow ? "" : d.message).toMatch(/The limit is 5 reads per hour\./);
  });
});
