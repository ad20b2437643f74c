import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, RESERVED_ACTIONS } from "./actions";

// The list of actions is what an auditor is told can appear in the log, so it must not
// promise events nobody writes. Each declared action is either written by the application (it
// is named in a file of lib/ that calls the event writer) or reserved, with the work that will
// write it; and a reserved action nobody writes yet stays reserved only until it is written.

const LIB = path.resolve(import.meta.dirname, "../..");
const WRITER = /\b(recordEvent|recordEventWith|eventInsert)\(/;
// Demo data and the seed write every action synthetically; they prove nothing about the product.
const NOT_PRODUCT = /^(generated|demo)\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function writtenActions(): Map<string, string[]> {
  const written = new Map<string, string[]>();
  for (const file of sourceFiles(LIB)) {
    const rel = path.relative(LIB, file);
    if (NOT_PRODUCT.test(rel) || rel === "log/events/record-event.ts") continue;
    const source = readFileSync(file, "utf8");
    if (!WRITER.test(source)) continue;
    for (const action of ACTIONS) if (source.includes(`"${action}"`)) written.set(action, [...(written.get(action) ?? []), rel]);
  }
  return written;
}

describe("ACTIONS", () => {
  const written = writtenActions();

  it("every declared action is written by lib/ or reserved with the work that will write it", () => {
    const unaccounted = ACTIONS.filter((a) => !written.has(a) && !(a in RESERVED_ACTIONS));
    expect(unaccounted, "declared in actions.ts but written nowhere: write it, reserve it or remove it").toEqual([]);
  });

  it("a reserved action is not yet written (once it is, it leaves the reserved list)", () => {
    for (const [action, why] of Object.entries(RESERVED_ACTIONS)) {
      expect(written.get(action), `${action} is written now; remove it from RESERVED_ACTIONS`).toBeUndefined();
      expect(why).toMatch(/issue/);
    }
  });

  it("finds the writers it should (the scan itself works)", () => {
    expect(written.get("CONTENT_READ")).toContain("access/read-case-messages.ts");
    expect(written.get("AUDIT_SEARCHED")).toEqual(["audit/search/record-search.ts"]);
    expect(written.get("GRANT_APPROVED")).toEqual(["approvals/decide-request.ts"]);
  });
});
