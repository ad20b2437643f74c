import { afterAll, describe, expect, it } from "vitest";
import pg from "pg";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { claimCase } from "@/lib/cases/claim-case";
import { disconnectDb } from "@/lib/db";
import { makeReportedConversation, makeStaff, meta } from "./world";

// Reads every row of every table as the schema owner and looks for message text, as UTF-8
// and as the hex PostgreSQL prints for bytea. Reading the thread first proves that even the
// access path leaves no plaintext behind (the log records ids, never text).

afterAll(() => disconnectDb());

describe("no DM plaintext at rest", () => {
  it("no seeded message text appears anywhere in the database", async () => {
    const world = await makeReportedConversation({ messages: 30, reportedPosition: 15 });
    const reviewer = await makeStaff(["REVIEWER"]);
    await claimCase(reviewer, world.caseId, meta);
    await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
    const read = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    expect(read.messages.map((m) => m.text)).toContain(world.texts[14]);

    const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
    await c.connect();
    try {
      const tables = await c.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(["message", "access_event", "conversation_key"]));
      let dump = "";
      for (const { table_name } of tables.rows) {
        const rows = await c.query(`SELECT t::text AS row FROM "${table_name}" t`);
        dump += rows.rows.map((r) => r.row).join("\n");
      }
      expect(dump.length).toBeGreaterThan(10_000);
      for (const text of world.texts) {
        expect(dump).not.toContain(text);
        expect(dump).not.toContain(Buffer.from(text).toString("hex"));
        expect(dump).not.toContain(text.slice(0, 20)); // "secret message N of"
      }
    } finally {
      await c.end();
    }
  });
});
