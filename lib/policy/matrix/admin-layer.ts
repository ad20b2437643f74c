import { decideStaffChange, type StaffRecord } from "../staff-admin";
import type { Region, Role } from "../roles";
import { ALL_ROLE_SETS, ME, OTHER, ROLE_SAMPLES, conflicting, firstFailing, outcome, product, type MatrixCase } from "./types";

// Layer 5: staff administration — actor roles × creating / changing someone else / changing
// oneself × every target role set (all 32) × regions given or not × what else changes.

export function adminLayer(): MatrixCase[] {
  return product({
    actor: ROLE_SAMPLES,
    target: ["new", "someone else", "myself"] as const,
    roles: ALL_ROLE_SETS,
    regions: [["US"], []] as Region[][],
    alsoChanging: ["nothing else", "disabled", "links"] as const,
  }).map((c) => {
    const before: StaffRecord | null = c.target === "new" ? null : { id: c.target === "myself" ? ME : OTHER, roles: ["ADMIN"], regions: ["US"], disabled: false, links: [] };
    const after = { roles: c.roles, regions: c.regions, disabled: c.alsoChanging === "disabled", links: c.alsoChanging === "links" ? [{ accountId: "a1", relation: "own account" }] : [] };
    const changesSomething = c.target === "new" || c.alsoChanging !== "nothing else" || !(c.roles.length === 1 && c.roles[0] === "ADMIN") || c.regions.length !== 1;
    const content = c.roles.some((r: Role) => ["REVIEWER", "LEAD", "LEGAL"].includes(r));
    const expected = firstFailing([
      [!conflicting(c.actor), "ROLE_CONFLICT"],
      [c.actor.includes("ADMIN"), "ROLE"],
      [!(c.target === "myself" && changesSomething), "SELF_CHANGE"],
      [c.roles.length > 0, "ROLES_REQUIRED"],
      [!conflicting(c.roles), "ROLE_CONFLICT"],
      [!(content && c.regions.length === 0), "REGION_REQUIRED"],
    ]);
    return {
      name: `staff change ${JSON.stringify(c)}`,
      actual: () => outcome(decideStaffChange({ actor: { id: ME, roles: c.actor, regions: ["US"], disabled: false, linkedAccountIds: [] }, before, after })),
      expected,
    };
  });
}
