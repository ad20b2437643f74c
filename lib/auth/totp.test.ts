import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { checkTotp, newTotpSecret, openTotpSecret } from "./totp";

// The code check on its own: six digits or nothing, one step of drift, and never a step twice.
const secret = newTotpSecret();
const now = new Date("2026-11-22T12:00:10Z");
const step = Math.floor(now.getTime() / 30_000);
const codeAt = (date: Date) => generate({ secret, epoch: Math.floor(date.getTime() / 1000) });

describe("checkTotp", () => {
  it("accepts the current code and remembers its time step", async () => {
    expect(await checkTotp(secret, await codeAt(now), null, now)).toEqual({ ok: true, timeStep: step });
    expect(await checkTotp(secret, await codeAt(now), step - 1, now)).toEqual({ ok: true, timeStep: step });
  });

  it("refuses a code of the step already used, or an earlier one", async () => {
    expect(await checkTotp(secret, await codeAt(now), step, now)).toEqual({ ok: false, reason: "TOTP_REUSED" });
    expect(await checkTotp(secret, await codeAt(new Date(now.getTime() - 30_000)), step, now)).toEqual({ ok: false, reason: "TOTP_REUSED" });
  });

  it("refuses anything but six digits without asking the authenticator library", async () => {
    for (const code of ["12345", "1234567", "12a456", "", " 123456"]) expect(await checkTotp(secret, code, null, now), code).toEqual({ ok: false, reason: "TOTP_INVALID" });
  });

  it("refuses a wrong code, and a code from two steps away", async () => {
    const right = await codeAt(now);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(await checkTotp(secret, wrong, null, now)).toEqual({ ok: false, reason: "TOTP_INVALID" });
    expect(await checkTotp(secret, await codeAt(new Date(now.getTime() + 90_000)), null, now)).toEqual({ ok: false, reason: "TOTP_INVALID" });
  });
});

describe("openTotpSecret", () => {
  it("refuses a stored secret it cannot read before reaching for a key", async () => {
    for (const sealed of ["v2:kek:AAAA", "v1::AAAA", "v1:kek:", "garbage"]) await expect(openTotpSecret("staff", sealed), sealed).rejects.toThrow("unreadable TOTP secret");
  });
});
