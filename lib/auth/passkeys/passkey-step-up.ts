import "server-only";
import { type AuthenticationResponseJSON, generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON, verifyAuthenticationResponse } from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { decideStepUpMethod } from "@/lib/policy/step-up-method";
import { type StaffContext, toActor } from "../staff-context";
import { requireStepUpAllowed } from "../step-up";
import { CHALLENGE_SECONDS, storeChallenge, takeChallenge } from "./challenge-store";
import { relyingParty } from "./relying-party";

// Step-up with a passkey (ADR 025): the same session column and the same STEP_UP event as the
// TOTP step-up, with method "passkey". The assertion must be over this session's single-use
// authentication challenge, from the configured origin and RP id, with the user verified
// (PIN or biometric, not just presence), and signed by one of the caller's own credentials.
// The signature counter moves forward by compare-and-set: two assertions carrying the same
// counter (a cloned authenticator racing the original) cannot both pass.

export async function passkeyStepUpOptions(staff: StaffContext, now = new Date()): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const sessionId = requireStepUpAllowed(staff);
  const policy = decideStepUpMethod(env().CUSTODY_STEP_UP, "passkey");
  if (!policy.allow) throw new ForbiddenError(policy.reason, policy.message);
  const mine = await getDb().staffPasskey.findMany({ where: { staffId: staff.id }, select: { credentialId: true, transports: true } });
  if (mine.length === 0) throw new ForbiddenError("PASSKEY_NOT_ENROLLED", DENIAL_REASONS.PASSKEY_NOT_ENROLLED);
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: mine.map((c) => ({ id: c.credentialId, transports: c.transports as AuthenticatorTransport[] })),
    userVerification: "required",
    timeout: CHALLENGE_SECONDS * 1000,
  });
  await storeChallenge(sessionId, "authentication", options.challenge, now);
  return options;
}

type AuthenticatorTransport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

export async function verifyPasskeyStepUp(staff: StaffContext, response: AuthenticationResponseJSON, meta: RequestMeta, now = new Date()): Promise<{ stepUpAt: string }> {
  const sessionId = requireStepUpAllowed(staff);
  const db = getDb();
  const actor = toActor(staff);
  const refuse = async (reason: DenialReason, passkeyId?: string): Promise<never> => {
    await recordEvent(db, { actor, action: "STEP_UP", outcome: "DENIED", denialReason: reason, details: { method: "passkey", sessionId, ...(passkeyId ? { passkeyId } : {}) }, meta });
    throw new ForbiddenError(reason, DENIAL_REASONS[reason]);
  };
  const policy = decideStepUpMethod(env().CUSTODY_STEP_UP, "passkey");
  if (!policy.allow) return refuse(policy.reason);
  const challenge = await takeChallenge(sessionId, "authentication", now);
  if (!challenge) return refuse("PASSKEY_CHALLENGE");
  // Only the caller's own credentials: another member's passkey is as unknown as a made-up one.
  const passkey = await db.staffPasskey.findFirst({ where: { staffId: staff.id, credentialId: response.id }, select: { id: true, credentialId: true, publicKey: true, counter: true, transports: true } });
  if (!passkey) return refuse("PASSKEY_UNKNOWN");

  const rp = relyingParty();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: { id: passkey.credentialId, publicKey: new Uint8Array(passkey.publicKey), counter: Number(passkey.counter), transports: passkey.transports as AuthenticatorTransport[] },
    });
    if (!verification.verified) return refuse("PASSKEY_INVALID", passkey.id);
    newCounter = verification.authenticationInfo.newCounter;
  } catch (err) {
    // The library refuses a counter that did not move forward with this message (and no error code).
    const cloned = err instanceof Error && /counter value/i.test(err.message);
    return refuse(cloned ? "PASSKEY_CLONED" : "PASSKEY_INVALID", passkey.id);
  }

  const done = await db.$transaction(async (tx) => {
    // Compare-and-set against the counter as it is now, not as it was read above: of two
    // assertions racing with the same counter, the second finds it already moved. Authenticators
    // that never count (always 0, as synced passkeys do) have nothing to compare.
    const moved = await tx.staffPasskey.updateMany({
      where: { id: passkey.id, ...(newCounter === 0 ? { counter: 0 } : { counter: { lt: newCounter } }) },
      data: { counter: newCounter, lastUsedAt: now },
    });
    if (moved.count !== 1) return false;
    await tx.staffSession.update({ where: { id: sessionId }, data: { stepUpAt: now, stepUpMethod: "passkey" } });
    await recordEvent(tx, { actor, action: "STEP_UP", outcome: "ALLOWED", details: { method: "passkey", sessionId, passkeyId: passkey.id }, meta });
    return true;
  });
  // Not moved: another assertion with this counter won, or the passkey was removed meanwhile.
  if (!done) return refuse((await db.staffPasskey.count({ where: { id: passkey.id } })) ? "PASSKEY_CLONED" : "PASSKEY_UNKNOWN", passkey.id);
  return { stepUpAt: now.toISOString() };
}
