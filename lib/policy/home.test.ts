import { describe, expect, it } from "vitest";
import { homePathFor } from "./home";

// Where each role starts: the first page its permissions open, in this order.
describe("homePathFor", () => {
  it.each([
    [["REVIEWER"], "/queue"],
    [["LEAD"], "/queue"],
    [["LEGAL"], "/queue"],
    [["AUDITOR"], "/audit"],
    [["ADMIN"], "/staff"],
    [[], "/my-access"],
    // A conflicting role set may do nothing, so it lands where everyone may go.
    [["AUDITOR", "REVIEWER"], "/my-access"],
  ] as const)("%j → %s", (roles, path) => {
    expect(homePathFor(roles)).toBe(path);
  });
});
