import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { getDb } from "@/lib/db";
import { ConflictError, ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { MAX_TOTP_FAILURES, MINUTE, STEP_UP_MINUTES } from "@/lib/policy/limits";
import { decidePermission } from "@/lib/policy/permissions";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { type StaffContext, toActor } from "./staff-context";
import { checkTotp, newTotpSecret, openTotpSecret, sealTotpSecret, totpUri } from "./totp";

// Step-up: a TOTP check that content roles must have passed in this session within the last
// 15 minutes before any content is decrypted. The time is recorded on the server-side session
// row, never taken from the browser. Every attempt is a STEP_UP event; five wrong codes in 15
// minutes lock step-up for that staff member, which turns guessing six digits into a lottery.

function actorOf(staff: StaffContext) {
  return toActor(staff);
}

function requireStepUpAllowed(staff: StaffContext): string {
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

export async function verifyStepUp(staff: StaffContext, code: string, meta: RequestMeta, now = new Date()): Promise<{ stepUpAt: string; enrolled: boolean }> {
  const sessionId = requireStepUpAllowed(staff);
  const db = getDb();
  const refuse = async (reason: DenialReason): Promise<never> => {
    await recordEvent(db, { actor: actorOf(staff), action: "STEP_UP", outcome: "DENIED", denialReason: reason, details: { method: "totp", sessionId }, meta });
    throw new ForbiddenError(reason, DENIAL_REASONS[reason]);
  };
  const recentFailures = await db.accessEvent.count({
    where: { actorId: staff.id, action: "STEP_UP", outcome: "DENIED", occurredAt: { gte: new Date(now.getTime() - STEP_UP_MINUTES * MINUTE) } },
  });
  if (recentFailures >= MAX_TOTP_FAILURES) return refuse("TOTP_LOCKED");

  const [row, session] = await Promise.all([
    db.staff.findUniqueOrThrow({ where: { id: staff.id }, select: { totpSecret: true, totpLastStep: true } }),
    db.staffSession.findUniqueOrThrow({ where: { id: sessionId }, select: { pendingTotpSecret: true } }),
  ]);
  const enrolling = row.totpSecret === null;
  const sealed = row.totpSecret ?? session.pendingTotpSecret;
  if (!sealed) return refuse("TOTP_NOT_ENROLLED");
  const check = await checkTotp(await openTotpSecret(staff.id, sealed), code.trim(), row.totpLastStep, now);
  if (!check.ok) return refuse(check.reason);

  const done = await db.$transaction(async (tx) => {
    // Conditional on the last step, so two requests racing with the same code cannot both pass.
    const claimed = await tx.staff.updateMany({
      where: { id: staff.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: check.timeStep } }] },
      data: { totpLastStep: check.timeStep, ...(enrolling ? { totpSecret: sealed, totpEnrolledAt: now } : {}) },
    });
    if (claimed.count !== 1) return false;
    await tx.staffSession.update({ where: { id: sessionId }, data: { stepUpAt: now, pendingTotpSecret: null } });
    await recordEvent(tx, { actor: actorOf(staff), action: "STEP_UP", outcome: "ALLOWED", details: { method: "totp", enrolled: enrolling, sessionId }, meta });
    return true;
  });
  if (!done) return refuse("TOTP_REUSED");
  return { stepUpAt: now.toISOString(), enrolled: enrolling };
}
