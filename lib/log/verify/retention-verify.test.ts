import { describe, expect, it } from "vitest";
import { checkRetention, type RetentionEvent } from "./retention-verify";

const day = 86_400_000;
const t0 = Date.parse("2027-01-01T00:00:00.000Z");
const at = (days: number) => new Date(t0 + days * day).toISOString();
let seq = 0;
const ev = (action: string, days: number, accountIds: string[], details?: unknown, conversationId?: string): RetentionEvent => ({ seq: String(++seq), occurredAt: at(days), action, accountIds, details, conversationId });
const placed = (days: number, holdId = "h1", kind = "PRESERVATION", accounts = ["a"]) => ev("HOLD_PLACED", days, accounts, { holdId, kind, requestId: null, reason: "r", expiresAt: at(days + (kind === "PRESERVATION" ? 90 : 365)) });

describe("audit:verify --retention", () => {
  it("a shred of an unheld conversation, and a hold released after its minimum, pass", () => {
    const r = checkRetention([placed(0), ev("KEY_SHREDDED", 10, ["b"], {}, "c1"), ev("HOLD_RELEASED", 95, ["a"], { holdId: "h1", reason: "x" }), ev("KEY_SHREDDED", 96, ["a"], {}, "c2")]);
    expect(r).toEqual({ holds: 1, shreds: 2, problems: [] });
  });
  it("names a shred inside an active hold, including one kept alive by a renewal", () => {
    const r = checkRetention([placed(0), ev("KEY_SHREDDED", 10, ["a", "z"], {}, "c1"), ev("HOLD_RENEWED", 80, ["a"], { holdId: "h1", previousExpiresAt: at(90), expiresAt: at(180), renewals: 1 }), ev("KEY_SHREDDED", 150, ["a"], {}, "c2"), ev("KEY_SHREDDED", 181, ["a"], {}, "c3")]);
    expect(r.problems.map((p) => [p.kind, p.problem.split(" ")[1]])).toEqual([["shred-under-hold", "c1"], ["shred-under-hold", "c2"]]);
  });
  it("names a hold released before its minimum", () => {
    const r = checkRetention([placed(0, "h2", "NCMEC_REPORT"), ev("HOLD_RELEASED", 200, ["a"], { holdId: "h2", reason: "x" })]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: "hold-released-early" });
  });
});
