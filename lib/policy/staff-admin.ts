import type { StaffFacts } from "./facts";
import { decidePermission } from "./permissions";
import { deny, type PolicyDecision } from "./reasons";
import { CONTENT_ROLES, roleConflict, type Region, type Role } from "./roles";

// Staff administration: only admins, never on themselves, never into a conflicting role set.

export type StaffRecord = {
  id: string;
  roles: readonly Role[];
  regions: readonly Region[];
  disabled: boolean;
  /** Account ids with their declared relation. */
  links: readonly { accountId: string; relation: string }[];
};

/** The record as it should be after the change; `resetTotp` clears a lost authenticator. */
export type StaffChange = Omit<StaffRecord, "id"> & { resetTotp?: boolean };

export type ChangedField = "roles" | "regions" | "disabled" | "links" | "totp";

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const linkKey = (l: { accountId: string; relation: string }) => `${l.accountId}:${l.relation}`;

/** The fields a change touches, for the log's before/after and for the self-change rule. */
export function changedFields(before: StaffRecord | null, after: StaffChange): ChangedField[] {
  if (!before) return ["roles", "regions", "disabled", "links"];
  const out: ChangedField[] = [];
  if (!sameSet(before.roles, after.roles)) out.push("roles");
  if (!sameSet(before.regions, after.regions)) out.push("regions");
  if (before.disabled !== after.disabled) out.push("disabled");
  if (!sameSet(before.links.map(linkKey), after.links.map(linkKey))) out.push("links");
  if (after.resetTotp) out.push("totp");
  return out;
}

/** `before` is null when creating a staff member. */
export function decideStaffChange(input: { actor: StaffFacts; before: StaffRecord | null; after: StaffChange }): PolicyDecision<{ changed: ChangedField[] }> {
  const { actor, before, after } = input;
  if (actor.disabled) return deny("DISABLED");
  const allowed = decidePermission(actor.roles, "staff:manage");
  if (!allowed.allow) return allowed;
  const changed = changedFields(before, after);
  // Whoever controls access must not be able to widen (or quietly keep) their own.
  if (before && before.id === actor.id && changed.length > 0) return deny("SELF_CHANGE");
  if (after.roles.length === 0) return deny("ROLES_REQUIRED");
  const conflict = roleConflict(after.roles);
  if (conflict) return deny("ROLE_CONFLICT", `${conflict.role} cannot be combined with ${conflict.other}: ${conflict.why}.`);
  if (after.roles.some((r) => CONTENT_ROLES.includes(r)) && after.regions.length === 0) return deny("REGION_REQUIRED");
  return { allow: true, changed };
}
