import { describe, expect, it } from "vitest";
import { pgSql } from "./tagged";

describe("pgSql", () => {
  it("numbers one placeholder per value and passes the values apart from the text", async () => {
    const seen: { text: string; values: unknown[] }[] = [];
    const sql = pgSql({ query: (async (text: string, values: unknown[]) => (seen.push({ text, values }), { rows: [{ ok: 1 }] })) as never });
    const ids = ["a", "b"];
    const evil = "'; DROP TABLE message; --";
    expect(await sql`SELECT 1 WHERE id = ANY(${ids}::uuid[]) AND name = ${evil} AND n > ${3}`).toEqual([{ ok: 1 }]);
    expect(seen[0]).toEqual({ text: "SELECT 1 WHERE id = ANY($1::uuid[]) AND name = $2 AND n > $3", values: [ids, evil, 3] });
  });

  it("leaves a statement without values as it is", async () => {
    const seen: string[] = [];
    const sql = pgSql({ query: (async (text: string) => (seen.push(text), { rows: [] })) as never });
    await sql`SELECT now()`;
    expect(seen).toEqual(["SELECT now()"]);
  });
});
