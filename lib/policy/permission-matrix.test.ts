import { afterAll, describe, expect, it } from "vitest";
import { adminLayer } from "./matrix/admin-layer";
import { approvalLayer } from "./matrix/approval-layer";
import { caseLayer } from "./matrix/case-layer";
import { contentLayer } from "./matrix/content-layer";
import { grantLayer } from "./matrix/grant-layer";
import { grantLifeLayer } from "./matrix/grant-life-layer";
import { roleLayer } from "./matrix/roles-layer";
import type { MatrixCase } from "./matrix/types";

// The exhaustive permission matrix: every role set × every protected operation, then every
// attribute combination of each decision, each against the brief's expectation. Failures are
// listed (the first 20) rather than thrown one by one, and the number of cases is printed.

const LAYERS: Record<string, () => MatrixCase[]> = {
  "role sets × protected operations": roleLayer,
  "reading content": contentLayer,
  "requesting a grant": grantLayer,
  "approving and rejecting": approvalLayer,
  "claiming and deciding cases": caseLayer,
  "widening, revoking, sessions": grantLifeLayer,
  "staff administration": adminLayer,
};

const counts: Record<string, number> = {};

afterAll(() => {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(36)} ${String(v).padStart(7)}`);
  console.log(`permission matrix: ${total} cases\n${lines.join("\n")}`);
});

describe("permission matrix", () => {
  for (const [layer, build] of Object.entries(LAYERS)) {
    it(layer, () => {
      const cases = build();
      counts[layer] = cases.length;
      const wrong = cases.flatMap((c) => {
        const actual = c.actual();
        return actual === c.expected ? [] : [`${c.name}: expected ${c.expected}, got ${actual}`];
      });
      expect(wrong.slice(0, 20), `${wrong.length} of ${cases.length} cases differ`).toEqual([]);
      expect(cases.length).toBeGreaterThan(0);
    });
  }
});
