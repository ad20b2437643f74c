import { afterAll, describe, expect, it, vi } from "vitest";
import { reveal, type Reveal } from "@/lib/access/read-queries";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { disconnectDb, getDb, withPgClient } from "@/lib/db";
import * as contentAccess from "@/lib/policy/content-access";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// A read by id one message past the scope was once returned and logged as ALLOWED, because the
// policy was the only guard. The reveal statement now checks the grant's scope itself, where it
// reads the rows. These tests bypass the policy and prove the SQL alone refuses: at
// scopeFrom − 1 and scopeTo + 1 nothing is revealed, logged or counted; both edges are served.

afterAll(() => disconnectDb());

/** A reviewer with a live grant on positions 10–30 of a 40-message conversation. */
async function readerWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 40, reportedPosition: 20 });
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported messages in context" }, meta);
  expect([grant.scopeFrom, grant.scopeTo]).toEqual([10, 30]);
  const at = (...positions: number[]) => positions.map((p) => world.messageIds[p - 1]!);
  const input = (messages: Reveal["messages"], now = new Date()): Reveal => ({
    staffId: reviewer.id,
    now,
    readLimitPerHour: 100,
    grantId: grant.id,
    conversationId: world.conversationId,
    messages,
    event: { actor: { id: reviewer.id, email: reviewer.email, roles: reviewer.roles }, action: "CONTENT_READ", outcome: "ALLOWED", caseId: world.caseId, conversationId: world.conversationId, grantId: grant.id, meta },
  });
  return { reviewer, world, grant, at, input };
}

const tally = async (staffId: string) => (await getDb().contentReadTally.aggregate({ where: { staffId }, _sum: { reads: true } }))._sum.reads ?? 0;
const OUT_OF_SCOPE = { revealed: false, grantLive: true, inScope: false, withinLimit: false };

describe("the reveal statement checks the scope itself, by id", () => {
  it.each([
    ["scopeFrom − 1", [9]],
    ["scopeTo + 1", [31]],
    ["both edges and one past the end", [10, 30, 31]],
    ["one before the start and both edges", [9, 10, 30]],
  ])("refuses a message at %s: nothing revealed, logged or counted", async (_name, positions) => {
    const { reviewer, world, at, input } = await readerWithGrant();
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input({ ids: at(...positions) })));
    expect(out).toEqual(OUT_OF_SCOPE);
    expect(await eventsSince(before, world.caseId)).toEqual([]);
    expect(await tally(reviewer.id)).toBe(0);
  });

  it.each([
    ["scopeFrom", [10]],
    ["scopeTo", [30]],
    ["both edges", [10, 30]],
  ])("reveals and logs a message at %s", async (_name, positions) => {
    const { world, at, input } = await readerWithGrant();
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input({ ids: at(...positions) })));
    expect(out.revealed && out.rows.map((r) => r.position)).toEqual(positions);
    expect((await eventsSince(before, world.caseId)).map((e) => e.messageIds)).toEqual([at(...positions)]);
  });

  it("refuses a message of another conversation, even one at an in-scope position", async () => {
    const { input } = await readerWithGrant();
    const other = await makeReportedConversation({ messages: 40 });
    expect(await withPgClient((db) => reveal(db, input({ ids: [other.messageIds[19]!] })))).toEqual(OUT_OF_SCOPE);
  });

  it("checks the grant's scope as it is at the write, not as the policy saw it", async () => {
    const { grant, at, input } = await readerWithGrant();
    await getDb().accessGrant.update({ where: { id: grant.id }, data: { scopeTo: 25 } });
    expect(await withPgClient((db) => reveal(db, input({ ids: at(26) })))).toEqual(OUT_OF_SCOPE);
    const ok = await withPgClient((db) => reveal(db, input({ ids: at(25) })));
    expect(ok.revealed).toBe(true);
  });
});

describe("the reveal statement checks the scope itself, by range", () => {
  it.each([
    ["starting at scopeFrom − 1", { from: 9, to: 30 }],
    ["ending at scopeTo + 1", { from: 10, to: 31 }],
  ])("refuses a range %s", async (_name, range) => {
    const { reviewer, world, input } = await readerWithGrant();
    const before = await lastSeq();
    expect(await withPgClient((db) => reveal(db, input(range)))).toEqual(OUT_OF_SCOPE);
    expect(await eventsSince(before, world.caseId)).toEqual([]);
    expect(await tally(reviewer.id)).toBe(0);
  });

  it("reveals the range from edge to edge", async () => {
    const { input } = await readerWithGrant();
    const out = await withPgClient((db) => reveal(db, input({ from: 10, to: 30 })));
    expect(out.revealed && [out.rows[0]!.position, out.rows.at(-1)!.position, out.rows.length]).toEqual([10, 30, 21]);
  });
});

describe("the reveal statement checks the expiry itself", () => {
  it("treats a grant as expired at its exact expiry instant", async () => {
    const { grant, input } = await readerWithGrant();
    const expiresAt = new Date(grant.expiresAt);
    expect(await withPgClient((db) => reveal(db, input({ from: 10, to: 30 }, expiresAt)))).toMatchObject({ revealed: false, grantLive: false });
    const justBefore = await withPgClient((db) => reveal(db, input({ from: 10, to: 30 }, new Date(expiresAt.getTime() - 1))));
    expect(justBefore.revealed).toBe(true);
  });
});

describe("a policy that lets an out-of-scope read through", () => {
  it("is refused OUT_OF_SCOPE by the statement, logged as a denial, with no content", async () => {
    const { reviewer, world, at } = await readerWithGrant();
    // The policy answers as if its scope check were off by one: allowed, whatever was asked.
    const spy = vi.spyOn(contentAccess, "decideContentRead").mockReturnValue({ allow: true, scope: { from: 10, to: 30 } });
    const before = await lastSeq();
    try {
      await expect(readCaseMessages(reviewer, { caseId: world.caseId, messageIds: at(31) }, meta)).rejects.toMatchObject({ status: 403, code: "OUT_OF_SCOPE" });
    } finally {
      spy.mockRestore();
    }
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => [e.outcome, e.denialReason, e.messageIds])).toEqual([["DENIED", "OUT_OF_SCOPE", []]]);
    expect(await tally(reviewer.id)).toBe(0);
  });
});
