import { generate } from "otplib";
import { afterAll, describe, expect, it } from "vitest";
import { verifyStepUp } from "@/lib/auth/step-up";
import { disconnectDb, getDb } from "@/lib/db";
import type { RequestMeta } from "@/lib/http/request-meta";
import { CLIENT_TOTP_LOCK_FAILURES, MAX_TOTP_FAILURES, TOTP_LOCK_MINUTES } from "@/lib/policy/limits";
import { makeStaff, refused, signInAs, uid } from "./world";

// Someone who holds a reviewer's password but not their authenticator, guessing step-up codes
// against a real database: the guesses lock the guesser's own sessions and client, never the
// owner's, fresh sign-ins do not buy fresh guesses, and every refusal is logged.

const SECRET = "CUSTODYTESTSTEPUPTHROTTLEAAAAAAA";
const code = (at: Date) => generate({ secret: SECRET, epoch: Math.floor(at.getTime() / 1000) });
const from = (client: string): RequestMeta => ({ requestId: uid(), ipHmac: `${client}-${uid()}`, userAgent: "vitest" });
const minutes = (at: Date, m: number) => new Date(at.getTime() + m * 60_000);

afterAll(() => disconnectDb());

async function wrongCode(at: Date) {
  const good = await code(at);
  return good === "000000" ? "111111" : "000000";
}

/** Guesses until the session is locked; returns the refusal codes. */
async function guessUntilLocked(session: Awaited<ReturnType<typeof makeStaff>>, meta: RequestMeta, at: Date) {
  const codes: string[] = [];
  for (let i = 0; i < MAX_TOTP_FAILURES; i++) {
    const err = await verifyStepUp(session, await wrongCode(at), meta, at).then(() => null, (e: Error & { code?: string }) => e.code ?? "?");
    codes.push(err ?? "PASSED");
  }
  return codes;
}

describe("step-up throttle", () => {
  it("a password holder's wrong codes lock their own session, while the owner steps up", async () => {
    const owner = await makeStaff(["REVIEWER"], ["US"], { stepUp: false, totpSecret: SECRET });
    const attacker = await signInAs(owner.id); // the same account, signed in with the stolen password
    const now = new Date();
    const codes = await guessUntilLocked(attacker, from("attacker"), now);
    expect(codes.at(-1)).toBe("TOTP_LOCKED");
    await refused(verifyStepUp(attacker, await code(minutes(now, 1)), from("attacker"), minutes(now, 1)), "TOTP_LOCKED");

    // The owner, in their own session from their own device, is not locked out.
    const mine = from("owner");
    await expect(verifyStepUp(owner, await code(minutes(now, 2)), mine, minutes(now, 2))).resolves.toMatchObject({ enrolled: false });
    const fresh = await signInAs(owner.id);
    await expect(verifyStepUp(fresh, await code(minutes(now, 3)), mine, minutes(now, 3))).resolves.toBeTruthy();

    const events = await getDb().accessEvent.findMany({ where: { actorId: owner.id, action: "STEP_UP" }, orderBy: { seq: "asc" } });
    const attackerEvents = events.filter((e) => (e.details as { sessionId?: string }).sessionId === attacker.sessionId);
    expect(attackerEvents).toHaveLength(MAX_TOTP_FAILURES + 1);
    expect(attackerEvents.every((e) => e.outcome === "DENIED")).toBe(true);
    expect(attackerEvents.at(-1)!.details).toMatchObject({ throttle: { scope: "totp-session", state: "locked" } });
    expect(events.filter((e) => e.outcome === "ALLOWED")).toHaveLength(2);
  });

  it("fresh sign-ins from the same client do not buy fresh guesses; the client's lock ends", async () => {
    const owner = await makeStaff(["REVIEWER"], ["US"], { stepUp: false, totpSecret: SECRET });
    const attacker = from("attacker");
    const now = new Date();
    let guesses = 0;
    // New session after new session, each guessing until it is refused.
    while (guesses < CLIENT_TOTP_LOCK_FAILURES) {
      const session = await signInAs(owner.id);
      for (let i = 0; i < 2 && guesses < CLIENT_TOTP_LOCK_FAILURES; i++, guesses++) {
        await refused(verifyStepUp(session, await wrongCode(now), attacker, now), "TOTP_INVALID");
      }
    }
    const next = await signInAs(owner.id);
    const err = await refused(verifyStepUp(next, await code(now), attacker, now), "TOTP_LOCKED");
    expect(err.message).toMatch(/locked/);
    const lockEvent = await getDb().accessEvent.findFirstOrThrow({ where: { actorId: owner.id, action: "STEP_UP", denialReason: "TOTP_LOCKED" } });
    expect(lockEvent.details).toMatchObject({ throttle: { scope: "totp-client", state: "locked" } });

    // Meanwhile the owner, from their own device, steps up.
    const theirs = await signInAs(owner.id);
    await expect(verifyStepUp(theirs, await code(minutes(now, 1)), from("owner"), minutes(now, 1))).resolves.toBeTruthy();

    // After the lock period the client may try again.
    const after = minutes(now, TOTP_LOCK_MINUTES + 1);
    await expect(verifyStepUp(await signInAs(owner.id), await code(after), attacker, after)).resolves.toBeTruthy();
  });
});
