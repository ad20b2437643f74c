import { can } from "./permissions";
import type { Role } from "./roles";

/** The page a staff member starts on, from what their roles may do. */
export function homePathFor(roles: readonly Role[]): string {
  if (can(roles, "queue:read")) return "/queue";
  if (can(roles, "audit:read")) return "/audit";
  if (can(roles, "staff:manage")) return "/staff";
  return "/my-access";
}
