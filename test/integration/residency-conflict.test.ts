import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { claimCase } from "@/lib/cases/claim-case";
import { getCaseDetail } from "@/lib/cases/get-case-detail";
import { listQueue } from "@/lib/cases/list-queue";
import { disconnectDb, getDb } from "@/lib/db";
import { assignTo, eventsSince, hiddenCase, lastSeq, makeReportedConversation, makeStaff, meta, refused, signInAs } from "./world";

// Data residency and conflict of interest, against a real database: the queue does not list
// such cases, and opening, claiming, requesting or reading one by id is refused with a
// reason that says so — and logged.

const WHY = "Reviewing the reported messages and their context";

afterAll(() => disconnectDb());

describe("data residency", () => {
  it("a US-only reviewer cannot see, claim, request or read a conversation with EU data", async () => {
    const usOnly = await makeStaff(["REVIEWER"], ["US"]);
    const world = await makeReportedConversation({ region: "US", secondRegion: "EU" });
    const queue = await listQueue(usOnly, { status: "open", limit: 200 });
    expect(queue.items.map((i) => i.id)).not.toContain(world.caseId);

    const before = await lastSeq();
    const page = await refused(getCaseDetail(usOnly, world.caseId, "PAGE /cases/{id}"), "RESIDENCY");
    expect(page.message).toMatch(/EU data; your regions are US/);
    // Not theirs to claim: hidden as if missing (the log below keeps RESIDENCY).
    await hiddenCase(claimCase(usOnly, world.caseId, meta));
    // Even if the case were assigned to them (say, before their regions changed):
    await assignTo(world.caseId, usOnly);
    await refused(requestGrant(usOnly, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta), "RESIDENCY");
    await getDb().accessGrant.create({
      data: { staffId: usOnly.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: WHY, scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt: new Date(Date.now() + 600_000) },
    });
    const read = await refused(readCaseMessages(usOnly, { caseId: world.caseId }, meta), "RESIDENCY");
    expect(JSON.stringify(read)).not.toContain("secret message");
    const denials = (await eventsSince(before, world.caseId)).map((e) => `${e.action}:${e.denialReason}`);
    expect(denials).toEqual(["ACCESS_DENIED:RESIDENCY", "CASE_CLAIMED:RESIDENCY", "GRANT_REQUESTED:RESIDENCY", "CONTENT_READ:RESIDENCY"]);
  });

  it("losing a region takes effect on the next request", async () => {
    const reviewer = await makeStaff(["REVIEWER"], ["US", "EU"]);
    const world = await makeReportedConversation({ region: "EU" });
    await assignTo(world.caseId, reviewer);
    await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
    await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    await getDb().staff.update({ where: { id: reviewer.id }, data: { regions: ["US"] } });
    const next = await signInAs(reviewer.id, { stepUp: true });
    await refused(readCaseMessages(next, { caseId: world.caseId }, meta), "RESIDENCY");
  });
});

describe("conflict of interest", () => {
  it("a reviewer linked to a participant cannot see, claim or read the thread; each refusal is logged", async () => {
    const world = await makeReportedConversation();
    const reviewer = await makeStaff(["REVIEWER"]);
    await getDb().staffAccountLink.create({ data: { staffId: reviewer.id, accountId: world.accountIds[0], relation: "own account" } });
    const linked = await signInAs(reviewer.id, { stepUp: true });
    expect(linked.linkedAccountIds).toEqual([world.accountIds[0]]);

    const queue = await listQueue(linked, { status: "open", limit: 200 });
    expect(queue.items.map((i) => i.id)).not.toContain(world.caseId);
    const before = await lastSeq();
    await refused(getCaseDetail(linked, world.caseId, "PAGE /cases/{id}"), "CONFLICT_OF_INTEREST");
    await hiddenCase(claimCase(linked, world.caseId, meta));
    await assignTo(world.caseId, linked);
    await getDb().accessGrant.create({
      data: { staffId: linked.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: WHY, scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt: new Date(Date.now() + 600_000) },
    });
    await refused(readCaseMessages(linked, { caseId: world.caseId }, meta), "CONFLICT_OF_INTEREST");
    const denials = (await eventsSince(before, world.caseId)).map((e) => `${e.action}:${e.outcome}:${e.denialReason}`);
    expect(denials).toEqual(["ACCESS_DENIED:DENIED:CONFLICT_OF_INTEREST", "CASE_CLAIMED:DENIED:CONFLICT_OF_INTEREST", "CONTENT_READ:DENIED:CONFLICT_OF_INTEREST"]);
  });

  it("an unlinked colleague may claim the same case", async () => {
    const world = await makeReportedConversation();
    const other = await makeStaff(["REVIEWER"]);
    await expect(claimCase(other, world.caseId, meta)).resolves.toMatchObject({ status: "IN_REVIEW", assigneeId: other.id });
  });
});
