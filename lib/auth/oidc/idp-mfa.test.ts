import { describe, expect, it } from "vitest";
import { idpStepUpAt } from "./idp-mfa";

const now = new Date("2026-12-04T12:00:00Z");
const secondsAgo = (s: number) => Math.floor(now.getTime() / 1000) - s;

describe("idpStepUpAt", () => {
  it("counts a fresh multi-factor sign-in, from its auth_time", () => {
    expect(idpStepUpAt({ amr: ["pwd", "mfa"], auth_time: secondsAgo(60) }, now)).toEqual(new Date(now.getTime() - 60_000));
    expect(idpStepUpAt({ amr: ["hwk"], auth_time: secondsAgo(0) }, now)).toEqual(now);
    expect(idpStepUpAt({ acr: "http://schemas.openid.net/pape/policies/2007/06/multi-factor", auth_time: secondsAgo(10) }, now)).not.toBeNull();
  });

  it("does not count a single factor, a missing or stale auth_time, or one from the future", () => {
    expect(idpStepUpAt({ amr: ["pwd"], auth_time: secondsAgo(1) }, now)).toBeNull();
    expect(idpStepUpAt({ amr: "mfa", auth_time: secondsAgo(1) }, now)).toBeNull();
    expect(idpStepUpAt({ acr: "0", auth_time: secondsAgo(1) }, now)).toBeNull();
    expect(idpStepUpAt({ amr: ["mfa"] }, now)).toBeNull();
    expect(idpStepUpAt({ amr: ["mfa"], auth_time: "1" }, now)).toBeNull();
    expect(idpStepUpAt({ amr: ["mfa"], auth_time: secondsAgo(15 * 60) }, now)).toBeNull();
    expect(idpStepUpAt({ amr: ["mfa"], auth_time: secondsAgo(-120) }, now)).toBeNull();
  });

  it("clamps a slightly early provider clock to now", () => {
    expect(idpStepUpAt({ amr: ["mfa"], auth_time: secondsAgo(-10) }, now)).toEqual(now);
  });
});
