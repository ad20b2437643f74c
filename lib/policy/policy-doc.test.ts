import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderPolicyDoc } from "./policy-doc";

// The document auditors read must be the policy the server enforces.
describe("docs/access-policy.md", () => {
  it("matches lib/policy (run `npm run docs:policy` after changing the policy)", () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, "../../docs/access-policy.md"), "utf8");
    expect(committed === renderPolicyDoc(), "docs/access-policy.md is stale: run `npm run docs:policy` and commit it").toBe(true);
  });
});
