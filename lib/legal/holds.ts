import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { decideRelease, decideRenewal, holdExpiry, type HoldKind } from "@/lib/policy/holds";
import { allowsHold } from "@/lib/policy/legal-basis";
import { decidePermission } from "@/lib/policy/permissions";
import { DENIAL_REASONS, deny } from "@/lib/policy/reasons";

// Preservation holds, placed by LEGAL on a request's named accounts (or, for a CyberTipline
// report, on accounts named directly). Placing, renewing and releasing are each logged in the
// transaction that makes the change (HOLD_PLACED, HOLD_RENEWED, HOLD_RELEASED). A hold never
// grants access: it only keeps the retention sweep (lib/jobs/shred-expired.ts) away.

export type PlaceHoldInput = { kind: HoldKind; reason: string; requestId?: string; accountHandles?: string[] };

function mayHold(staff: StaffContext) {
  const allowed = decidePermission(staff.roles, "legal:hold");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
}

export async function placeHold(staff: StaffContext, input: PlaceHoldInput, meta: RequestMeta, now = new Date()): Promise<{ id: string; expiresAt: Date }> {
  mayHold(staff);
  const db = getDb();
  let accountIds: string[];
  if (input.requestId) {
    const r = await db.legalRequest.findUnique({ where: { id: input.requestId }, select: { namedAccountIds: true, instrument: true, jurisdiction: true, status: true } });
    if (!r) throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
    if (r.status === "REJECTED" || !allowsHold(r.instrument, r.jurisdiction)) {
      const d = deny("HOLD_NOT_ALLOWED", r.status === "REJECTED" ? "The request failed verification." : undefined);
      await recordEvent(db, { actor: toActor(staff), action: "HOLD_PLACED", outcome: "DENIED", denialReason: d.reason, accountIds: r.namedAccountIds, meta, details: { holdId: "-", kind: input.kind, requestId: input.requestId, reason: input.reason, expiresAt: now.toISOString() } });
      throw new ForbiddenError(d.reason, d.message);
    }
    accountIds = r.namedAccountIds;
  } else {
    const handles = [...new Set((input.accountHandles ?? []).map((h) => h.replace(/^@/, "")))];
    if (handles.length === 0) throw new BadRequestError("accountHandles: name a request or at least one account", "VALIDATION");
    const accounts = await db.platformAccount.findMany({ where: { handle: { in: handles } }, select: { id: true, handle: true } });
    const unknown = handles.filter((h) => !accounts.some((a) => a.handle === h));
    if (unknown.length) throw new BadRequestError(`accountHandles: no platform account has the handle ${unknown.map((h) => `@${h}`).join(", ")}`, "VALIDATION");
    accountIds = accounts.map((a) => a.id);
  }
  const expiresAt = holdExpiry(input.kind, now);
  return db.$transaction(async (tx) => {
    const hold = await tx.preservationHold.create({ data: { kind: input.kind, requestId: input.requestId ?? null, accountIds, reason: input.reason, placedById: staff.id, placedAt: now, expiresAt }, select: { id: true, expiresAt: true } });
    await recordEvent(tx, { actor: toActor(staff), action: "HOLD_PLACED", outcome: "ALLOWED", accountIds, justification: input.reason, meta, details: { holdId: hold.id, kind: input.kind, requestId: input.requestId ?? null, reason: input.reason, expiresAt: expiresAt.toISOString() } });
    return hold;
  });
}

export async function renewHold(staff: StaffContext, holdId: string, meta: RequestMeta, now = new Date()): Promise<{ expiresAt: Date }> {
  mayHold(staff);
  return getDb().$transaction(async (tx) => {
    const h = await tx.preservationHold.findUnique({ where: { id: holdId }, select: { kind: true, expiresAt: true, renewals: true, releasedAt: true, accountIds: true } });
    if (!h) throw new NotFoundError("No such hold.");
    const d = decideRenewal(h, now);
    if (!d.allow) throw new ForbiddenError(d.reason, d.message);
    await tx.preservationHold.update({ where: { id: holdId }, data: { expiresAt: d.expiresAt, renewals: h.renewals + 1 } });
    await recordEvent(tx, { actor: toActor(staff), action: "HOLD_RENEWED", outcome: "ALLOWED", accountIds: h.accountIds, meta, details: { holdId, previousExpiresAt: h.expiresAt.toISOString(), expiresAt: d.expiresAt.toISOString(), renewals: h.renewals + 1 } });
    return { expiresAt: d.expiresAt };
  });
}

export async function releaseHold(staff: StaffContext, holdId: string, reason: string, meta: RequestMeta, now = new Date()): Promise<void> {
  mayHold(staff);
  await getDb().$transaction(async (tx) => {
    const h = await tx.preservationHold.findUnique({ where: { id: holdId }, select: { kind: true, placedAt: true, expiresAt: true, renewals: true, releasedAt: true, accountIds: true } });
    if (!h) throw new NotFoundError("No such hold.");
    const d = decideRelease(h, now);
    if (!d.allow) throw new ForbiddenError(d.reason, d.message);
    await tx.preservationHold.update({ where: { id: holdId }, data: { releasedAt: now, releasedById: staff.id } });
    await recordEvent(tx, { actor: toActor(staff), action: "HOLD_RELEASED", outcome: "ALLOWED", accountIds: h.accountIds, justification: reason, meta, details: { holdId, reason } });
  });
}
