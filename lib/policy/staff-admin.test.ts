import { describe, expect, it } from "vitest";
import type { StaffFacts } from "./facts";
import { decideStaffChange, type StaffRecord } from "./staff-admin";

// What a staff change touches (the log's before/after names these fields), and that resetting
// one's own authenticator is a change of one's own record like any other.

const admin: StaffFacts = { id: "admin", roles: ["ADMIN"], regions: ["US"], disabled: false, linkedAccountIds: [] };
const record = (over: Partial<StaffRecord> = {}): StaffRecord => ({ id: "someone", roles: ["REVIEWER"], regions: ["US"], disabled: false, links: [], ...over });
const changed = (d: ReturnType<typeof decideStaffChange>) => (d.allow ? d.changed : d.reason);

describe("decideStaffChange", () => {
  it("names every field of a new staff member as changed", () => {
    expect(changed(decideStaffChange({ actor: admin, before: null, after: record() }))).toEqual(["roles", "regions", "disabled", "links"]);
  });

  it("names an authenticator reset, alone or with other changes", () => {
    const before = record();
    expect(changed(decideStaffChange({ actor: admin, before, after: { ...record(), resetTotp: true } }))).toEqual(["totp"]);
    expect(changed(decideStaffChange({ actor: admin, before, after: { ...record({ regions: ["US", "EU"] }), resetTotp: true } }))).toEqual(["regions", "totp"]);
    expect(changed(decideStaffChange({ actor: admin, before, after: record() }))).toEqual([]);
  });

  it("refuses an admin resetting their own authenticator", () => {
    const self = record({ id: admin.id, roles: ["ADMIN"] });
    expect(changed(decideStaffChange({ actor: admin, before: self, after: { ...self, resetTotp: true } }))).toBe("SELF_CHANGE");
  });
});
