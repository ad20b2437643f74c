import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCESS_EVENT_COLUMNS, CANONICAL_ORDER, INSERT_COLUMNS } from "./event-columns";

// prisma/schema.prisma stays the source of migrations; event-columns.ts is the source of every
// hand-written statement and type. This test keeps the two in step without a database (the
// integration test event-columns-db.test.ts checks the live table itself).

type PrismaField = { field: string; column: string; type: string; list: boolean; optional: boolean; uuid: boolean; generated: boolean };

function accessEventModel(): PrismaField[] {
  const schema = readFileSync(path.resolve(import.meta.dirname, "../../../prisma/schema.prisma"), "utf8");
  const body = /model AccessEvent \{([\s\S]*?)\n\}/.exec(schema)?.[1];
  if (!body) throw new Error("model AccessEvent not found in prisma/schema.prisma");
  return body
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[a-z]\w*\s/.test(line))
    .map((line) => {
      const [, field, type, list, optional] = /^(\w+)\s+(\w+)(\[\])?(\?)?/.exec(line)!;
      return { field: field!, column: /@map\("(\w+)"\)/.exec(line)?.[1] ?? field!, type: type!, list: !!list, optional: !!optional, uuid: line.includes("@db.Uuid"), generated: line.includes("@default(") };
    });
}

const PG_OF_PRISMA: Record<string, string> = { BigInt: "bigint", DateTime: "timestamptz", String: "text", EventOutcome: '"EventOutcome"', Json: "jsonb" };

describe("ACCESS_EVENT_COLUMNS", () => {
  it("declares exactly the columns of model AccessEvent, in its order, with its names, types and nullability", () => {
    const model = accessEventModel();
    const fromPrisma = model.map((f) => ({
      column: f.column,
      field: f.field,
      pgType: f.uuid ? "uuid" : PG_OF_PRISMA[f.type],
      // A Prisma list can never be NOT NULL; the writer always writes one and the leaf commits to [].
      nullable: f.optional,
      array: f.list,
      generated: f.generated,
    }));
    const declared = ACCESS_EVENT_COLUMNS.map((c) => ({ column: c.column, field: c.field, pgType: c.pgType, nullable: c.nullable, array: "array" in c, generated: "generated" in c }));
    expect(declared).toEqual(fromPrisma);
  });

  it("inserts every column but the generated ones, and orders the leaf's keys as RFC 8785 does", () => {
    expect(INSERT_COLUMNS.map((c) => c.column)).toEqual(ACCESS_EVENT_COLUMNS.filter((c) => !("generated" in c)).map((c) => c.column));
    const keys = CANONICAL_ORDER.map((c) => c.field);
    // RFC 8785 sorts by UTF-16 code units, which for ASCII names is JavaScript's default sort.
    expect(keys).toEqual(ACCESS_EVENT_COLUMNS.map((c) => c.field).sort());
    expect(keys.every((k) => /^[\x20-\x7e]+$/.test(k))).toBe(true);
  });
});
