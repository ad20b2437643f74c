import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { disconnectDb, getDb } from "@/lib/db";
import { assignTo, makeReportedConversation, makeStaff, meta, refused } from "./world";

// The per-reader hourly read limit against a real database: a small limit for this file only
// (the environment is read on first use, after this line runs).
process.env.CUSTODY_READ_LIMIT_PER_HOUR = "3";

afterAll(() => disconnectDb());

async function reader() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
  return { reviewer, world };
}

describe("hourly read limit", () => {
  it("refuses the read past the limit with its reason and a logged denial; other readers are unaffected", async () => {
    const { reviewer, world } = await reader();
    for (let i = 0; i < 3; i++) await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    const err = await refused(readCaseMessages(reviewer, { caseId: world.caseId }, meta), "READ_LIMIT");
    expect(err.message).toMatch(/limit is 3 reads per hour/);
    const events = await getDb().accessEvent.findMany({ where: { actorId: reviewer.id, action: "CONTENT_READ" }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.outcome)).toEqual(["ALLOWED", "ALLOWED", "ALLOWED", "DENIED"]);
    expect(events[3]).toMatchObject({ denialReason: "READ_LIMIT", messageIds: [] });
    const other = await reader();
    await expect(readCaseMessages(other.reviewer, { caseId: other.world.caseId }, meta)).resolves.toBeTruthy();
  });

  it("refused reads do not count; reads older than an hour no longer count", async () => {
    const { reviewer, world } = await reader();
    await refused(readCaseMessages({ ...reviewer, stepUpAt: null }, { caseId: world.caseId }, meta), "STEP_UP_REQUIRED");
    for (let i = 0; i < 3; i++) await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    await refused(readCaseMessages(reviewer, { caseId: world.caseId }, meta), "READ_LIMIT");
    await getDb().contentReadTally.updateMany({ where: { staffId: reviewer.id }, data: { minute: new Date(Date.now() - 61 * 60_000) } });
    await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).resolves.toBeTruthy();
  });

  it("concurrent reads by one reader cannot overshoot the limit together", async () => {
    const { reviewer, world } = await reader();
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => readCaseMessages(reviewer, { caseId: world.caseId }, meta)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill("READ_LIMIT"));
  });
});
