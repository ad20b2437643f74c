import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { disconnectDb, getDb } from "@/lib/db";
import { generateDemoData } from "@/lib/demo/generate-demo-data";
import { seedDemo } from "@/prisma/seed";

// The demo seed writes through the encrypting ingestion code: no seeded message text may
// appear anywhere in the database, and seeding twice changes nothing.

const SCALE = 0.1;

afterAll(() => disconnectDb());

describe("demo seed", () => {
  it("stores no seeded message text in any table, and is idempotent", async () => {
    const db = getDb();
    await seedDemo(db, { scale: SCALE });
    const counts = async () => [await db.message.count(), await db.userReport.count(), await db.case.count(), await db.staff.count()];
    const first = await counts();
    await seedDemo(db, { scale: SCALE });
    expect(await counts()).toEqual(first);

    const data = generateDemoData({ accounts: Math.ceil(320 * SCALE), conversations: Math.ceil(1500 * SCALE), messages: Math.ceil(30_000 * SCALE), reports: Math.ceil(150 * SCALE) });
    const stored = await db.message.count({ where: { externalId: { in: data.messages.map((m) => m.externalId) } } });
    expect(stored).toBe(data.messages.length);
    // Long, distinctive texts make the search meaningful (short ones like "ok" match anything).
    const samples = [...new Set(data.messages.map((m) => m.text).filter((t) => t.length >= 24))];
    expect(samples.length).toBeGreaterThan(200);

    const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
    await c.connect();
    try {
      const tables = await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      let dump = "";
      for (const { table_name } of tables.rows) {
        const rows = await c.query(`SELECT t::text AS row FROM "${table_name}" t`);
        dump += rows.rows.map((r) => r.row).join("\n");
      }
      const found = samples.filter((t) => dump.includes(t) || dump.includes(Buffer.from(t).toString("hex")));
      expect(found).toEqual([]);
    } finally {
      await c.end();
    }
  });
});
