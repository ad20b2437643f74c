import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { ACCESS_EVENT_COLUMNS } from "@/lib/log/events/event-columns";

// The migrations, not schema.prisma, make the table the writer inserts into: this checks the
// one declaration every statement and type is derived from against the live access_event.

afterAll(disconnectDb);

type Column = { column: string; udt: string; nullable: boolean; defaulted: boolean };

const UDT_OF: Record<string, string> = { bigint: "int8", timestamptz: "timestamptz", uuid: "uuid", text: "text", '"EventOutcome"': "EventOutcome", jsonb: "jsonb" };

describe("access_event in PostgreSQL", () => {
  it("has exactly the declared columns, in order, with their types, nullability and defaults", async () => {
    const live = await getDb().$queryRaw<Column[]>`
      SELECT column_name AS column, udt_name AS udt, is_nullable = 'YES' AS nullable, column_default IS NOT NULL AS defaulted
      FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'access_event' ORDER BY ordinal_position`;
    const declared = ACCESS_EVENT_COLUMNS.map((c) => ({
      column: c.column,
      udt: ("array" in c ? "_" : "") + UDT_OF[c.pgType],
      // Lists are NULL-able in the table (Prisma cannot declare them NOT NULL); the writer never leaves one NULL.
      nullable: c.nullable || "array" in c,
      defaulted: "generated" in c,
    }));
    expect(live).toEqual(declared);
  });
});
