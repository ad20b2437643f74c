import { describe, expect, it } from "vitest";
import { decideOperatorStaffCreation, type OperatorStaffRequest } from "./staff-bootstrap";

const base: OperatorStaffRequest = { roles: ["ADMIN"], regions: [], activeAdmins: 0, allowWithAdmin: false };
const reason = (over: Partial<OperatorStaffRequest>) => {
  const d = decideOperatorStaffCreation({ ...base, ...over });
  return d.allow ? "allow" : d.reason;
};

describe("decideOperatorStaffCreation", () => {
  it("allows a first admin on a database without one", () => {
    expect(reason({})).toBe("allow");
  });

  it("refuses once an active admin exists, unless the operator says so explicitly", () => {
    expect(reason({ activeAdmins: 1 })).toBe("ADMIN_EXISTS");
    expect(reason({ activeAdmins: 1, allowWithAdmin: true })).toBe("allow");
  });

  it("keeps the separation-of-duties rules even with the flag", () => {
    expect(reason({ roles: ["ADMIN", "REVIEWER"], regions: ["US"], allowWithAdmin: true, activeAdmins: 1 })).toBe("ROLE_CONFLICT");
    expect(reason({ roles: ["AUDITOR", "REVIEWER"], regions: ["US"] })).toBe("ROLE_CONFLICT");
  });

  it("needs a role, and a region for a content role", () => {
    expect(reason({ roles: [] })).toBe("ROLES_REQUIRED");
    expect(reason({ roles: ["REVIEWER"], regions: [] })).toBe("REGION_REQUIRED");
    expect(reason({ roles: ["REVIEWER"], regions: ["EU"] })).toBe("allow");
  });
});
