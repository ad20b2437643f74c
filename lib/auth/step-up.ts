import "server-only";
import type { DetailsOf } from "@/lib/log/events/event-details";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { env } from "@/lib/env";
import { decidePermission } from "@/lib/policy/permissions";
import { decideStepUpMethod } from "@/lib/policy/step-up-method";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { type StaffContext, toActor } from "./staff-context";
import { recordAttempt, recordSuccess, type ThrottleKey } from "./throttle-store";
import { checkTotp, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

// Step-up: a TOTP check that content roles must have passed in this session within the last
// 15 minutes before any content is decrypted. The time is recorded on the server-side session
// row, never taken from the browser. Every attempt is a STEP_UP event; wrong codes back off and
// then lock, per session and per account and client (lib/policy/throttle.ts), which turns
// guessing six digits into a lottery without letting a guesser lock the owner out.

function actorOf(staff: StaffContext) {
  return toActor(staff);
}

export function requireStepUpAllowed(staff: StaffContext): string {
  const allowed = decidePermission(staff.roles, "step-up:verify");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  if (!staff.sessionId) throw new UnauthenticatedError();
  return staff.sessionId;
}

/** Offers a new secret for this session to confirm; only for staff without an authenticator yet. */
export async function startTotpEnrolment(staff: StaffContext): Promise<{ secret: string; uri: string }> {
  const sessionId = requireStepUpAllowed(staff);
  if (staff.totpEnrolled) throw new ConflictError("TOTP_ENROLLED", "An authenticator is already set up for you. An admin can reset it.");
  const secret = newTotpSecret();
  await getDb().staffSession.update({ where: { id: sessionId }, data: { pendingTotpSecret: await sealTotpSecret(staff.id, secret) } });
  return { secret, uri: totpUri(staff.email, secret) };
}

/**
 * The keys a code attempt counts under. Per session, so a password holder's guesses lock only
 * the session they signed in with, never the owner's. Per account and client as well, so
 * guessing does not restart with every fresh sign-in; a session that has already passed
 * step-up proved it holds the authenticator and is exempt from that one.
 */
export function stepUpKeys(staff: StaffContext, sessionId: string, meta: RequestMeta): ThrottleKey[] {
  const session: ThrottleKey = { scope: "totp-session", subject: sessionId };
  return staff.stepUpAt ? [session] : [session, { scope: "totp-client", subject: `${staff.id}:${meta.ipHmac ?? "unknown"}` }];
}

export async function verifyStepUp(staff: StaffContext, code: string, meta: RequestMeta, now = new Date()): Promise<{ stepUpAt: string; enrolled: boolean }> {
  const sessionId = requireStepUpAllowed(staff);
  const db = getDb();
  const refuse = async (reason: DenialReason, extra: Pick<DetailsOf<"STEP_UP">, "throttle"> = {}): Promise<never> => {
    await recordEvent(db, { actor: actorOf(staff), action: "STEP_UP", outcome: "DENIED", denialReason: reason, details: { method: "totp", sessionId, ...extra }, meta });
    throw new ForbiddenError(reason, DENIAL_REASONS[reason]);
  };
  const [row, session] = await Promise.all([
    db.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true, totpLastStep: true } }),
    db.staffSession.findUniqueOrThrow({ where: { id: sessionId }, select: { pendingTotpSecret: true } }),
  ]);
  const enrolling = row.totpSecret === null;
  const sealed = row.totpSecret ?? session.pendingTotpSecret;
  if (!sealed) return refuse("TOTP_NOT_ENROLLED");
  // CUSTODY_STEP_UP=passkey (ADR 025): a code no longer steps up (it still confirms an enrolment
  // and proves who adds a passkey).
  const policy = decideStepUpMethod(env().CUSTODY_STEP_UP, "totp");
  if (!policy.allow && !enrolling) return refuse(policy.reason);

  const keys = stepUpKeys(staff, sessionId, meta);
  const attempt = await recordAttempt(keys, now);
  if (attempt.refusal) {
    const { scope, state, retryAfterSeconds } = attempt.refusal;
    return refuse(state === "locked" ? "TOTP_LOCKED" : "TOTP_THROTTLED", { throttle: { scope, state, retryAfterSeconds } });
  }
  const check = await checkTotp(await openTotpSecret(staff.id, sealed), code.trim(), row.totpLastStep, now);
  const locked = attempt.locksOnFailure.map((k) => k.scope);
  const lockNote = locked.length ? { throttle: { state: "locked" as const, scopes: locked } } : {};
  if (!check.ok) return refuse(check.reason, lockNote);

  const done = await db.$transaction(async (tx) => {
    // Conditional on the last step, so two requests racing with the same code cannot both pass.
    const claimed = await tx.staff.updateMany({
      where: { id: staff.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.timeStep } }] },
      data: { totpLastStep: check.timeStep, ...(enrolling ? { totpSecret: sealed, totpEnrolledAt: now } : {}) },
    });
    if (claimed.count !== 1) return false;
    await tx.staffSession.update({ where: { id: sessionId }, data: { stepUpAt: now, stepUpMethod: "totp", pendingTotpSecret: null } });
    await recordEvent(tx, { actor: actorOf(staff), action: "STEP_UP", outcome: "ALLOWED", details: { method: "totp", enrolled: enrolling, sessionId }, meta });
    return true;
  });
  if (!done) return refuse("TOTP_REUSED", lockNote);
  await recordSuccess(keys, now);
  return { stepUpAt: now.toISOString(), enrolled: enrolling };
}
