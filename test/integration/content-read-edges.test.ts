import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { disconnectDb } from "@/lib/db";
import { assignTo, eventsSince, hiddenCase, lastSeq, makeReportedConversation, makeStaff, meta, refused } from "./world";

// The content path's answers at its edges: a reader without a session, ids of another
// conversation asked alongside ones in scope, a malformed case id from a role that may not read,
// and exactly what a read by id returns.

afterAll(() => disconnectDb());

async function readerWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 40, reportedPosition: 20 });
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported messages in context" }, meta);
  return { reviewer, world, grant };
}

describe("readCaseMessages", () => {
  it("refuses a reader without a session, and logs the refusal against the case", async () => {
    const { world } = await readerWithGrant();
    const before = await lastSeq();
    await refused(readCaseMessages(null, { caseId: world.caseId }, meta), "UNAUTHENTICATED", 401);
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => [e.action, e.outcome, e.denialReason, e.actorId])).toEqual([["CONTENT_READ", "DENIED", "UNAUTHENTICATED", null]]);
  });

  it("returns exactly the messages asked for by id, with the grant they were read under", async () => {
    const { reviewer, world, grant } = await readerWithGrant();
    const ids = [world.messageIds[11]!, world.messageIds[24]!];
    const r = await readCaseMessages(reviewer, { caseId: world.caseId, messageIds: ids }, meta);
    expect(r.messages.map((m) => [m.id, m.position, m.text])).toEqual([
      [ids[0], 12, world.texts[11]],
      [ids[1], 25, world.texts[24]],
    ]);
    expect(r.grant).toEqual({ id: grant.id, purpose: "USER_REPORT", expiresAt: grant.expiresAt, scopeFrom: 10, scopeTo: 30 });
  });

  it("refuses ids that are not messages of this conversation, even alongside ones in scope", async () => {
    const { reviewer, world } = await readerWithGrant();
    const other = await makeReportedConversation({ messages: 40 });
    const before = await lastSeq();
    for (const stranger of [other.messageIds[11]!, randomUUID()]) {
      await refused(readCaseMessages(reviewer, { caseId: world.caseId, messageIds: [world.messageIds[11]!, stranger] }, meta), "OUT_OF_SCOPE");
    }
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => [e.outcome, e.denialReason, e.messageIds])).toEqual([
      ["DENIED", "OUT_OF_SCOPE", []],
      ["DENIED", "OUT_OF_SCOPE", []],
    ]);
  });

  it("refuses a role that may not read with 403 ROLE whatever the case id, a malformed one too", async () => {
    const auditor = await makeStaff(["AUDITOR"]);
    await refused(readCaseMessages(auditor, { caseId: "not-a-case-id" }, meta), "ROLE");
    await refused(readCaseMessages(auditor, { caseId: randomUUID() }, meta), "ROLE");
  });

  it("answers a malformed case id as a missing case", async () => {
    const { reviewer } = await readerWithGrant();
    await hiddenCase(readCaseMessages(reviewer, { caseId: "abc" }, meta));
  });
});
