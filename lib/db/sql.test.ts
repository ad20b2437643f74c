import { describe, expect, it } from "vitest";
import { placeholders, raw, spliced, sql } from "./sql";

// Named placeholders for hand-written SQL: numbered once, bound per call, so a named prepared
// statement's text never changes between calls.
describe("sql", () => {
  const p = placeholders<{ caseId: string; staffId: string; now: Date; event: readonly unknown[] }>();

  it("numbers names in order of first use, one number per name, and binds values in that order", () => {
    const q = sql`SELECT 1 WHERE a = ${p.staffId}::uuid AND b > ${p.now} AND c = ${p.staffId}::uuid AND d = ${p.caseId}`;
    expect(q.text).toBe("SELECT 1 WHERE a = $1::uuid AND b > $2 AND c = $1::uuid AND d = $3");
    const now = new Date();
    expect(q.bind({ caseId: "c", staffId: "s", now })).toEqual({ text: q.text, values: ["s", now, "c"] });
  });

  it("keeps the same text for every call, whatever the values", () => {
    const q = sql`SELECT ${p.caseId}`;
    expect(q.bind({ caseId: "a" }).text).toBe(q.bind({ caseId: "b" }).text);
  });

  it("inlines fragments and raw text, numbering across them", () => {
    const where = sql`x = ${p.caseId} AND y = ${p.staffId}`;
    const q = sql`SELECT ${raw("m.id, m.position")} FROM m WHERE z = ${p.staffId} AND ${where}`;
    expect(q.text).toBe("SELECT m.id, m.position FROM m WHERE z = $1 AND x = $2 AND y = $1");
    expect(q.values({ caseId: "c", staffId: "s" })).toEqual(["s", "c"]);
  });

  it("renumbers a spliced fragment's own $1…$n after the placeholders before it, and spreads its values", () => {
    const event = spliced("event", { text: "$1::text, $2::uuid, now(), $3", count: 3 });
    const q = sql`INSERT INTO t SELECT ${event} FROM x WHERE id = ${p.caseId} AND k = ${p.staffId}`;
    expect(q.text).toBe("INSERT INTO t SELECT $1::text, $2::uuid, now(), $3 FROM x WHERE id = $4 AND k = $5");
    expect(q.values({ event: ["a", "b", "c"], caseId: "id", staffId: "k" })).toEqual(["a", "b", "c", "id", "k"]);
    const after = sql`SELECT ${p.caseId}, ${spliced("event", { text: "$1, $10", count: 10 })}`;
    expect(after.text).toBe("SELECT $1, $2, $11");
  });

  it("refuses a spliced fragment that names more placeholders than it has", () => {
    expect(() => sql`SELECT ${spliced("event", { text: "$1, $3", count: 2 })}`).toThrow(/\$3 but has 2/);
  });
});
