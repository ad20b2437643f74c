import "server-only";
import { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { recordEvent } from "@/lib/log/events/record-event";
import { decideOperatorStaffCreation } from "@/lib/policy/staff-bootstrap";
import { DENIAL_REASONS, type DenialReason } from "@/lib/policy/reasons";
import { REGIONS, ROLES } from "@/lib/policy/roles";
import { safeText } from "@/lib/validation/safe-text";

// npm run staff:create: an operator makes a staff member (the first admin of a non-demo
// deployment) on the command line. The decision (lib/policy/staff-bootstrap.ts), the insert and
// its STAFF_CREATED_BY_OPERATOR event are one transaction, and a transaction-scoped advisory lock
// makes two concurrent runs on an empty database create one admin, not two. A refusal is logged
// too, in its own transaction, so an auditor sees attempts as well as successes.

export const operatorStaffInput = z.strictObject({
  email: safeText.trim().toLowerCase().email("a valid email is required").max(200),
  name: safeText.trim().min(1, "a name is required").max(200),
  roles: z.array(z.enum(ROLES, { message: `a role is one of ${ROLES.join(", ")}` })).min(1, "give at least one --role"),
  regions: z.array(z.enum(REGIONS, { message: `a region is one of ${REGIONS.join(", ")}` })).default([]),
  allowWithAdmin: z.boolean().default(false),
  password: safeText.min(12, "an initial password needs at least 12 characters").max(200).optional(),
});
export type OperatorStaffInput = z.input<typeof operatorStaffInput>;

export class OperatorStaffRefused extends Error {
  constructor(readonly reason: DenialReason, message: string) {
    super(message);
    this.name = "OperatorStaffRefused";
  }
}

// Any fixed 64-bit key, distinct from the sealer's and the job runner's locks.
const BOOTSTRAP_LOCK = 0x637573746f647901n;

export async function createStaffFromCli(db: Db, raw: OperatorStaffInput, by: string): Promise<{ id: string; email: string }> {
  const input = operatorStaffInput.parse(raw);
  const roles = [...new Set(input.roles)];
  const regions = [...new Set(input.regions)];
  const after = { name: input.name, roles, regions, disabled: false, links: [] };
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const outcome = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`;
    const activeAdmins = await tx.staff.count({ where: { roles: { has: "ADMIN" }, disabled: false } });
    const base = { by, allowWithAdmin: input.allowWithAdmin, activeAdmins, after };
    const decision = decideOperatorStaffCreation({ roles, regions, activeAdmins, allowWithAdmin: input.allowWithAdmin });
    const taken = decision.allow && (await tx.staff.findUnique({ where: { email: input.email }, select: { id: true } }));
    if (!decision.allow || taken) {
      const reason: DenialReason = decision.allow ? "EMAIL_TAKEN" : decision.reason;
      const message = decision.allow ? DENIAL_REASONS.EMAIL_TAKEN : decision.message;
      await recordEvent(tx, { actor: null, action: "STAFF_CREATED_BY_OPERATOR", outcome: "DENIED", denialReason: reason, details: { ...base, subject: { email: input.email } } });
      return { kind: "refused" as const, reason, message };
    }
    const saved = await tx.staff.create({ data: { email: input.email, name: input.name, roles, regions, passwordHash }, select: { id: true, email: true } });
    await recordEvent(tx, { actor: null, action: "STAFF_CREATED_BY_OPERATOR", outcome: "ALLOWED", details: { ...base, subject: { id: saved.id, email: saved.email } } });
    return { kind: "created" as const, staff: saved };
  });
  if (outcome.kind === "refused") throw new OperatorStaffRefused(outcome.reason, outcome.message);
  return outcome.staff;
}
