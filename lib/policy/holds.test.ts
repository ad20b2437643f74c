import { describe, expect, it } from "vitest";
import { decideRelease, decideRenewal, holdActive, holdExpiry } from "./holds";

const t0 = new Date("2026-01-01T00:00:00Z");
const day = 86_400_000;

describe("preservation holds", () => {
  it("a preservation hold lasts 90 days, an NCMEC one a year", () => {
    expect(holdExpiry("PRESERVATION", t0).getTime() - t0.getTime()).toBe(90 * day);
    expect(holdExpiry("NCMEC_REPORT", t0).getTime() - t0.getTime()).toBe(365 * day);
  });
  it("a preservation hold renews once, for 90 more days from its expiry", () => {
    const h = { kind: "PRESERVATION" as const, expiresAt: holdExpiry("PRESERVATION", t0), renewals: 0, releasedAt: null };
    const r = decideRenewal(h, new Date(t0.getTime() + 10 * day));
    expect(r).toEqual({ allow: true, expiresAt: new Date(t0.getTime() + 180 * day) });
    expect(decideRenewal({ ...h, renewals: 1 }, t0)).toMatchObject({ allow: false, reason: "HOLD_NO_RENEWAL" });
  });
  it("an NCMEC hold does not renew; a released or expired hold neither", () => {
    expect(decideRenewal({ kind: "NCMEC_REPORT", expiresAt: holdExpiry("NCMEC_REPORT", t0), renewals: 0, releasedAt: null }, t0)).toMatchObject({ reason: "HOLD_NO_RENEWAL" });
    const h = { kind: "PRESERVATION" as const, expiresAt: holdExpiry("PRESERVATION", t0), renewals: 0, releasedAt: t0 };
    expect(decideRenewal(h, t0)).toMatchObject({ reason: "HOLD_NOT_ACTIVE" });
    expect(holdActive({ ...h, releasedAt: null }, new Date(t0.getTime() + 91 * day))).toBe(false);
  });

  it("a hold is released only after its minimum period, and only once", () => {
    const h = { kind: "PRESERVATION" as const, placedAt: t0, expiresAt: holdExpiry("PRESERVATION", t0), renewals: 0, releasedAt: null };
    expect(decideRelease(h, new Date(t0.getTime() + 89 * day))).toMatchObject({ allow: false, reason: "HOLD_MINIMUM" });
    expect(decideRelease(h, new Date(t0.getTime() + 90 * day))).toEqual({ allow: true });
    expect(decideRelease({ ...h, releasedAt: t0 }, new Date(t0.getTime() + 100 * day))).toMatchObject({ reason: "HOLD_NOT_ACTIVE" });
  });
});
