import "server-only";
import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON, verifyRegistrationResponse } from "@simplewebauthn/server";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import type { DetailsOf } from "@/lib/log/events/event-details";
import { recordEvent } from "@/lib/log/events/record-event";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { decideStepUpMethod } from "@/lib/policy/step-up-method";
import type { PasskeyItem } from "@/lib/dto";
import { type StaffContext, toActor } from "../staff-context";
import { requireStepUpAllowed, stepUpKeys } from "../step-up";
import { recordAttempt, recordSuccess } from "../throttle-store";
import { checkTotp, openTotpSecret } from "../totp";
import { CHALLENGE_SECONDS, storeChallenge, takeChallenge } from "./challenge-store";
import { relyingParty } from "./relying-party";

// Adding and removing one's own passkeys (ADR 025). Enrolment needs a valid TOTP code in the
// same request as the new credential, so a stolen session cookie alone cannot plant an
// attacker's passkey; the code counts under the step-up's throttle and is claimed like a
// step-up's, so it cannot be replayed. Each outcome is a PASSKEY_ENROLLED or PASSKEY_REMOVED event.

/** ES256 and RS256: what platform authenticators and security keys offer. */
const ALGORITHMS = [-7, -257];

function refusePasskeysOff() {
  const policy = decideStepUpMethod(env().CUSTODY_STEP_UP, "passkey");
  if (!policy.allow) throw new ForbiddenError(policy.reason, policy.message);
}

export async function listPasskeys(staff: Pick<StaffContext, "id">): Promise<PasskeyItem[]> {
  const rows = await getDb().staffPasskey.findMany({ where: { staffId: staff.id }, select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), lastUsedAt: r.lastUsedAt?.toISOString() ?? null }));
}

/** The options for navigator.credentials.create(); the challenge is kept for this session for 120 s. */
export async function passkeyRegistrationOptions(staff: StaffContext, now = new Date()): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const sessionId = requireStepUpAllowed(staff);
  refusePasskeysOff();
  if (!staff.totpEnrolled) throw new ForbiddenError("TOTP_NOT_ENROLLED", DENIAL_REASONS.TOTP_NOT_ENROLLED);
  const rp = relyingParty();
  const existing = await getDb().staffPasskey.findMany({ where: { staffId: staff.id }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: staff.email,
    userDisplayName: staff.name,
    userID: new TextEncoder().encode(staff.id),
    timeout: CHALLENGE_SECONDS * 1000,
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
    supportedAlgorithmIDs: ALGORITHMS,
  });
  await storeChallenge(sessionId, "registration", options.challenge, now);
  return options;
}

export type EnrolInput = { code: string; name: string; response: RegistrationResponseJSON };

export async function enrolPasskey(staff: StaffContext, input: EnrolInput, meta: RequestMeta, now = new Date()): Promise<PasskeyItem> {
  const sessionId = requireStepUpAllowed(staff);
  const db = getDb();
  const actor = toActor(staff);
  const refuse = async (reason: DenialReason, extra: Pick<DetailsOf<"PASSKEY_ENROLLED">, "throttle"> = {}): Promise<never> => {
    await recordEvent(db, { actor, action: "PASSKEY_ENROLLED", outcome: "DENIED", denialReason: reason, details: { sessionId, ...extra }, meta });
    throw new ForbiddenError(reason, DENIAL_REASONS[reason]);
  };
  const policy = decideStepUpMethod(env().CUSTODY_STEP_UP, "passkey");
  if (!policy.allow) return refuse(policy.reason);
  // Taken first, so this attempt uses the challenge up whatever happens next.
  const challenge = await takeChallenge(sessionId, "registration", now);
  if (!challenge) return refuse("PASSKEY_CHALLENGE");

  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    requireUserVerification: true,
    supportedAlgorithmIDs: ALGORITHMS,
  }).catch(() => null);
  if (!verification?.verified) return refuse("PASSKEY_INVALID");
  const { credential } = verification.registrationInfo;

  const row = await db.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true, totpLastStep: true } });
  if (!row.totpSecret) return refuse("TOTP_NOT_ENROLLED");
  const keys = stepUpKeys(staff, sessionId, meta);
  const attempt = await recordAttempt(keys, now);
  if (attempt.refusal) {
    const { scope, state, retryAfterSeconds } = attempt.refusal;
    return refuse(state === "locked" ? "TOTP_LOCKED" : "TOTP_THROTTLED", { throttle: { scope, state, retryAfterSeconds } });
  }
  const check = await checkTotp(await openTotpSecret(staff.id, row.totpSecret), input.code.trim(), row.totpLastStep, now);
  const locked = attempt.locksOnFailure.map((k) => k.scope);
  const lockNote = locked.length ? { throttle: { state: "locked" as const, scopes: locked } } : {};
  if (!check.ok) return refuse(check.reason, lockNote);

  const outcome = await db.$transaction(async (tx) => {
    // The code's time step is claimed as a step-up claims it, so it cannot be used twice.
    const claimed = await tx.staff.updateMany({ where: { id: staff.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.timeStep } }] }, data: { totpLastStep: check.timeStep } });
    if (claimed.count !== 1) return "TOTP_REUSED" as const;
    const taken = await tx.staffPasskey.count({ where: { credentialId: credential.id } });
    if (taken > 0) return "PASSKEY_DUPLICATE" as const;
    const created = await tx.staffPasskey.create({
      data: { staffId: staff.id, credentialId: credential.id, publicKey: Buffer.from(credential.publicKey), counter: BigInt(credential.counter), transports: credential.transports ?? [], name: input.name },
      select: { id: true, name: true, createdAt: true },
    });
    await recordEvent(tx, { actor, action: "PASSKEY_ENROLLED", outcome: "ALLOWED", details: { sessionId, passkeyId: created.id, name: created.name }, meta });
    return created;
  });
  if (typeof outcome === "string") return refuse(outcome, lockNote);
  await recordSuccess(keys, now);
  return { id: outcome.id, name: outcome.name, createdAt: outcome.createdAt.toISOString(), lastUsedAt: null };
}

/** Removes one of the caller's own passkeys; anyone else's id is "not found" (and logged). */
export async function removePasskey(staff: StaffContext, passkeyId: string, meta: RequestMeta): Promise<void> {
  const sessionId = requireStepUpAllowed(staff);
  const db = getDb();
  const actor = toActor(staff);
  const removed = await db.$transaction(async (tx) => {
    // Scoped to the caller in the statement itself: a guessed id of someone else's deletes nothing.
    const rows = UUID_RE.test(passkeyId) ? await tx.$queryRaw<{ name: string }[]>`DELETE FROM staff_passkey WHERE id = ${passkeyId}::uuid AND staff_id = ${staff.id}::uuid RETURNING name` : [];
    if (rows.length !== 1) return false;
    await recordEvent(tx, { actor, action: "PASSKEY_REMOVED", outcome: "ALLOWED", details: { sessionId, passkeyId, name: rows[0]!.name }, meta });
    return true;
  });
  if (!removed) {
    await recordEvent(db, { actor, action: "PASSKEY_REMOVED", outcome: "DENIED", denialReason: "PASSKEY_NOT_FOUND", details: { sessionId, passkeyId: passkeyId.slice(0, 100) }, meta });
    throw new NotFoundError(DENIAL_REASONS.PASSKEY_NOT_FOUND);
  }
}
