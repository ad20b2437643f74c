import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { claimCase } from "@/lib/cases/claim-case";
import { requestGrant } from "@/lib/access/request-grant";
import { disconnectDb, getDb } from "@/lib/db";
import { eventsSince, lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// The access log from the attacker's side: the application's own database role cannot
// rewrite history, triggers stop even a role that was granted too much, and when the log
// cannot be written nothing is revealed.

const appUrl = process.env.DATABASE_URL!;
const ownerUrl = process.env.TEST_OWNER_URL!;

async function asRole<T>(url: string, fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let seq = 0n;
beforeAll(async () => {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation();
  await claimCase(reviewer, world.caseId, meta);
  seq = await lastSeq();
});
afterAll(() => disconnectDb());

describe("access_event is append-only", () => {
  it.each([
    ["UPDATE", `UPDATE access_event SET denial_reason = 'tampered' WHERE seq = $1`],
    ["DELETE", `DELETE FROM access_event WHERE seq = $1`],
    ["TRUNCATE", `TRUNCATE access_event`],
  ])("the application role cannot %s it", async (_op, sql) => {
    await asRole(appUrl, async (c) => {
      await expect(c.query(sql, sql.includes("$1") ? [seq.toString()] : [])).rejects.toThrow(/permission denied/);
    });
  });

  it.each([
    ["UPDATE", `UPDATE access_event SET denial_reason = 'tampered' WHERE seq = $1`],
    ["DELETE", `DELETE FROM access_event WHERE seq = $1`],
    ["TRUNCATE", `TRUNCATE access_event`],
  ])("triggers reject %s even for the table owner, also in replica mode", async (_op, sql) => {
    await asRole(ownerUrl, async (c) => {
      await c.query("SET session_replication_role = replica");
      await expect(c.query(sql, sql.includes("$1") ? [seq.toString()] : [])).rejects.toThrow(/append-only/);
    });
  });

  it("still accepts inserts and reads from the application role, and the row is unchanged", async () => {
    const row = await getDb().accessEvent.findUniqueOrThrow({ where: { seq } });
    expect(row.denialReason).toBeNull();
    expect(row.action).toBe("CASE_CLAIMED");
  });
});

describe("fail closed when the log cannot be written", () => {
  async function withInsertRevoked(fn: () => Promise<void>) {
    await asRole(ownerUrl, (c) => c.query("REVOKE INSERT ON access_event FROM custody_app"));
    try {
      await fn();
    } finally {
      await asRole(ownerUrl, (c) => c.query("GRANT INSERT ON access_event TO custody_app"));
    }
  }

  it("answers 503 with no message text for a read that would have been allowed, and leaves no event", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await claimCase(reviewer, world.caseId, meta);
    await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
    const before = await lastSeq();
    await withInsertRevoked(async () => {
      const err = await readCaseMessages(reviewer, { caseId: world.caseId }, meta).then(
        () => null,
        (e: unknown) => e as { status: number; message: string },
      );
      expect(err).not.toBeNull();
      expect(err!.status).toBe(503);
      const serialised = JSON.stringify(err) + err!.message;
      for (const text of world.texts) expect(serialised).not.toContain(text);
    });
    expect(await eventsSince(before)).toHaveLength(0);
    // Once the log is writable again, the same grant reads normally.
    const ok = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    expect(ok.messages.length).toBeGreaterThan(0);
  });

  it("answers 503 rather than 403 when even the denial cannot be logged", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await withInsertRevoked(async () => {
      await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject({ status: 503 });
    });
  });
});
