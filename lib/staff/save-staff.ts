import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/session-store";
import { getDb, type Tx } from "@/lib/db";
import type { StaffAdminItem } from "@/lib/dto";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { decideStaffChange, type StaffRecord } from "@/lib/policy/staff-admin";
import type { Region, Role } from "@/lib/policy/roles";
import { STAFF_ADMIN_SELECT, resolveLinks, toStaffAdminItem } from "./staff-record";

// Creating and changing staff. The policy (lib/policy/staff-admin.ts) refuses conflicting
// roles and self-changes; every change — and every refused attempt — is a STAFF_CHANGED event
// with the record before and after, in the same transaction as the change. Disabling someone
// ends their sessions and their live grants at once.

export type StaffInput = {
  name: string;
  roles: Role[];
  regions: Region[];
  disabled: boolean;
  links: { handle: string; relation: string }[];
  resetTotp?: boolean;
};

type Snapshot = { roles: Role[]; regions: Region[]; disabled: boolean; links: { handle: string; relation: string }[]; name: string };

function snapshot(item: StaffAdminItem): Snapshot {
  return { name: item.name, roles: item.roles, regions: item.regions, disabled: item.disabled, links: item.links.map((l) => ({ handle: l.handle, relation: l.relation })) };
}

function toRecord(item: StaffAdminItem): StaffRecord {
  return { id: item.id, roles: item.roles, regions: item.regions, disabled: item.disabled, links: item.links };
}

export async function createStaff(actor: StaffContext, input: StaffInput & { email: string; password?: string }, meta: RequestMeta): Promise<StaffAdminItem> {
  return save(actor, null, input, meta);
}

export async function updateStaff(actor: StaffContext, staffId: string, input: StaffInput, meta: RequestMeta): Promise<StaffAdminItem> {
  return save(actor, staffId, input, meta);
}

async function save(actor: StaffContext, staffId: string | null, input: StaffInput & { email?: string; password?: string }, meta: RequestMeta): Promise<StaffAdminItem> {
  const db = getDb();
  const now = new Date();
  const who = toActor(actor);
  const outcome = await db.$transaction(async (tx) => {
    const beforeRow = staffId ? await tx.staff.findUnique({ where: { id: staffId }, select: STAFF_ADMIN_SELECT }) : null;
    if (staffId && !beforeRow) return { kind: "missing" as const };
    const before = beforeRow ? toStaffAdminItem(beforeRow) : null;
    const links = await resolveLinks(tx, input.links);
    const after = { roles: [...new Set(input.roles)], regions: [...new Set(input.regions)], disabled: input.disabled, links, resetTotp: input.resetTotp };
    const decision = decideStaffChange({ actor: toStaffFacts(actor), before: before ? toRecord(before) : null, after });
    const subject = before ? { id: before.id, email: before.email } : { email: input.email };
    const attempted: Snapshot = { name: input.name, ...after, links: links.map((l) => ({ handle: l.handle, relation: l.relation })) };
    if (!decision.allow) {
      await recordEvent(tx, { actor: who, action: "STAFF_CHANGED", outcome: "DENIED", denialReason: decision.reason, details: { subject, before: before && snapshot(before), attempted }, meta });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    if (!before && (await tx.staff.findUnique({ where: { email: input.email! }, select: { id: true } }))) return { kind: "taken" as const };
    const data = { name: input.name, roles: after.roles, regions: after.regions, disabled: after.disabled };
    const saved = before
      ? await tx.staff.update({ where: { id: before.id }, data: { ...data, ...(input.resetTotp ? { totpSecret: null, totpEnrolledAt: null, totpLastStep: null } : {}) }, select: { id: true } })
      : await tx.staff.create({ data: { ...data, email: input.email!, passwordHash: input.password ? await hashPassword(input.password) : null }, select: { id: true } });
    await tx.staffAccountLink.deleteMany({ where: { staffId: saved.id } });
    if (links.length) await tx.staffAccountLink.createMany({ data: links.map((l) => ({ staffId: saved.id, accountId: l.accountId, relation: l.relation })) });
    const ended = after.disabled && !before?.disabled ? await cutOff(tx, saved.id, now) : null;
    const result = toStaffAdminItem(await tx.staff.findUniqueOrThrow({ where: { id: saved.id }, select: STAFF_ADMIN_SELECT }));
    await recordEvent(tx, {
      actor: who,
      action: "STAFF_CHANGED",
      outcome: "ALLOWED",
      details: { subject: { id: result.id, email: result.email }, changed: decision.changed, before: before && snapshot(before), after: snapshot(result), ...(ended ?? {}) },
      meta,
    });
    return { kind: "saved" as const, item: result };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such staff member.");
  if (outcome.kind === "taken") throw new ConflictError("EMAIL_TAKEN", "A staff member with this email already exists.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason, outcome.message);
  return outcome.item;
}

/** A disabled member keeps nothing: sessions end and live or pending grants end now. */
async function cutOff(tx: Tx, staffId: string, now: Date) {
  const endedSessions = await endAllSessions(tx, staffId, "DISABLED", now);
  const grants = await tx.accessGrant.updateMany({ where: { staffId, status: { in: ["ACTIVE", "PENDING"] } }, data: { status: "ENDED", endedAt: now, endedReason: "staff disabled" } });
  return { endedSessions, endedGrants: grants.count };
}
