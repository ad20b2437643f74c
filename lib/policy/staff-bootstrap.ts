import { deny, type PolicyDecision } from "./reasons";
import { CONTENT_ROLES, roleConflict, type Region, type Role } from "./roles";

// Staff created by an operator on the command line (npm run staff:create). There is no staff
// actor to check, so the guard is the database itself: it is the bootstrap of a first admin and
// works only while no active admin exists, unless the operator says explicitly that it should
// (--allow-with-admin). The separation-of-duties rules are the app's own (staff-admin.ts).

export type OperatorStaffRequest = {
  roles: readonly Role[];
  regions: readonly Region[];
  /** Active (not disabled) admins in the database now. */
  activeAdmins: number;
  allowWithAdmin: boolean;
};

export function decideOperatorStaffCreation(r: OperatorStaffRequest): PolicyDecision {
  if (r.activeAdmins > 0 && !r.allowWithAdmin) return deny("ADMIN_EXISTS");
  if (r.roles.length === 0) return deny("ROLES_REQUIRED");
  const conflict = roleConflict(r.roles);
  if (conflict) return deny("ROLE_CONFLICT", `${conflict.role} cannot be combined with ${conflict.other}: ${conflict.why}.`);
  if (r.roles.some((x) => CONTENT_ROLES.includes(x)) && r.regions.length === 0) return deny("REGION_REQUIRED");
  return { allow: true };
}
