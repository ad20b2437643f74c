import { describe, expect, it } from "vitest";
import { refusalAtReveal } from "./content-access";

// The reason given when the write's own re-check finds the grant or the limit gone.
describe("refusalAtReveal", () => {
  const now = new Date("2026-11-22T12:00:00Z");

  it("names an expired grant as expired", () => {
    expect(refusalAtReveal({ grantLive: false, grantExpiresAt: new Date("2026-11-22T11:59:59Z"), now }).reason).toBe("GRANT_EXPIRED");
  });

  it("names a grant that is no longer live before its expiry as ended (revoked or decided)", () => {
    expect(refusalAtReveal({ grantLive: false, grantExpiresAt: new Date("2026-11-22T12:20:00Z"), now }).reason).toBe("GRANT_ENDED");
  });

  it("names the hourly limit, with the limit, when the grant is still live", () => {
    const r = refusalAtReveal({ grantLive: true, grantExpiresAt: new Date("2026-11-22T12:20:00Z"), now, readLimitPerHour: 7 });
    expect(r.reason).toBe("READ_LIMIT");
    expect(r.message).toMatch(/limit is 7 reads per hour/);
  });
});
