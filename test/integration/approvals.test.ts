import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { revokeGrant } from "@/lib/approvals/revoke-grant";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb } from "@/lib/db";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta, refused } from "./world";

// Second-person approval against a real database, from the attacker's side: a requester who
// is also a lead cannot approve themselves, a lapsed request cannot be approved, a reviewer
// cannot approve at all, and a pending request opens nothing. Every step is logged.

const WHY = "Reviewing the reported messages with a protected participant";

afterAll(() => disconnectDb());

async function pendingRequest(opts: { requesterRoles?: ("REVIEWER" | "LEAD")[] } = {}) {
  const requester = await makeStaff(opts.requesterRoles ?? ["REVIEWER"]);
  const world = await makeReportedConversation({ secondProtected: true });
  await assignTo(world.caseId, requester);
  const { status, grant } = await requestGrant(requester, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
  return { requester, world, status, grant };
}

describe("second-person approval", () => {
  it("a protected participant makes the request pending (202); it opens nothing until a lead approves", async () => {
    const before = await lastSeq();
    const { requester, world, status, grant } = await pendingRequest();
    expect(status).toBe(202);
    expect(grant.status).toBe("PENDING");
    expect(grant.approvalReasons).toEqual(["PROTECTED_ACCOUNT"]);
    await refused(readCaseMessages(requester, { caseId: world.caseId }, meta), "GRANT_PENDING");

    const lead = await makeStaff(["LEAD"]);
    const inbox = await listApprovals(lead);
    expect(inbox.pending.find((p) => p.grantId === grant.id)).toMatchObject({ blocked: null, approvalReasons: ["PROTECTED_ACCOUNT"] });
    const approved = await decideOnRequest(lead, { grantId: grant.id, verdict: "approve", note: "ok" }, meta);
    expect(approved.status).toBe("ACTIVE");
    const read = await readCaseMessages(requester, { caseId: world.caseId }, meta);
    expect(read.messages.length).toBe(21);

    const log = (await eventsSince(before, world.caseId)).map((e) => `${e.action}:${e.outcome}:${e.actorId === lead.id ? "lead" : e.actorId === requester.id ? "requester" : "system"}`);
    expect(log).toEqual(["GRANT_REQUESTED:ALLOWED:requester", "CONTENT_READ:DENIED:requester", "GRANT_APPROVED:ALLOWED:lead", "CONTENT_READ:ALLOWED:requester"]);
  });

  it("refuses self-approval, even by a lead, and logs the attempt", async () => {
    const { requester, grant, world } = await pendingRequest({ requesterRoles: ["LEAD"] });
    const inbox = await listApprovals(requester);
    expect(inbox.pending.find((p) => p.grantId === grant.id)?.blocked?.reason).toBe("SELF_APPROVAL");
    const before = await lastSeq();
    await refused(decideOnRequest(requester, { grantId: grant.id, verdict: "approve" }, meta), "SELF_APPROVAL");
    const [ev] = await eventsSince(before, world.caseId);
    expect(ev).toMatchObject({ action: "GRANT_APPROVED", outcome: "DENIED", denialReason: "SELF_APPROVAL", actorId: requester.id });
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("PENDING");
  });

  it("refuses a lapsed request (older than 24 h), expires it once and logs both", async () => {
    const { grant, world } = await pendingRequest();
    await getDb().accessGrant.update({ where: { id: grant.id }, data: { approvalDueAt: new Date(Date.now() - 1000) } });
    const lead = await makeStaff(["LEAD"]);
    const before = await lastSeq();
    await refused(decideOnRequest(lead, { grantId: grant.id, verdict: "approve" }, meta), "APPROVAL_EXPIRED");
    const row = await getDb().accessGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect([row.status, row.endedReason]).toEqual(["ENDED", "approval lapsed"]);
    await refused(decideOnRequest(lead, { grantId: grant.id, verdict: "approve" }, meta), "NOT_PENDING");
    const log = (await eventsSince(before, world.caseId)).map((e) => `${e.action}:${e.outcome}:${e.denialReason ?? ""}`);
    expect(log).toEqual(["GRANT_EXPIRED:ALLOWED:", "GRANT_APPROVED:DENIED:APPROVAL_EXPIRED", "GRANT_APPROVED:DENIED:NOT_PENDING"]);
  });

  it("the inbox expires lapsed requests itself, logging each lapse exactly once", async () => {
    const { grant, world } = await pendingRequest();
    await getDb().accessGrant.update({ where: { id: grant.id }, data: { approvalDueAt: new Date(Date.now() - 1000) } });
    const [a, b] = await Promise.all([makeStaff(["LEAD"]), makeStaff(["LEAD"])]);
    await Promise.all([listApprovals(a), listApprovals(b)]);
    const lapses = (await getDb().accessEvent.findMany({ where: { caseId: world.caseId, action: "GRANT_EXPIRED" } })).length;
    expect(lapses).toBe(1);
  });

  it("a reviewer cannot approve; a rejected request cannot be approved afterwards", async () => {
    const { grant } = await pendingRequest();
    const reviewer = await makeStaff(["REVIEWER"]);
    await refused(decideOnRequest(reviewer, { grantId: grant.id, verdict: "approve" }, meta), "ROLE");
    const lead = await makeStaff(["LEAD"]);
    const rejected = await decideOnRequest(lead, { grantId: grant.id, verdict: "reject", note: "Not needed for this report" }, meta);
    expect(rejected.status).toBe("REJECTED");
    await refused(decideOnRequest(lead, { grantId: grant.id, verdict: "approve" }, meta), "NOT_PENDING");
  });

  it("an approver outside the conversation's regions, or linked to a participant, is refused", async () => {
    const { grant, world } = await pendingRequest();
    const euLead = await makeStaff(["LEAD"], ["EU"]);
    await refused(decideOnRequest(euLead, { grantId: grant.id, verdict: "approve" }, meta), "RESIDENCY");
    const linkedLead = await makeStaff(["LEAD"]);
    await getDb().staffAccountLink.create({ data: { staffId: linkedLead.id, accountId: world.accountIds[1], relation: "sibling" } });
    const relinked = { ...linkedLead, linkedAccountIds: [world.accountIds[1]] };
    await refused(decideOnRequest(relinked, { grantId: grant.id, verdict: "approve" }, meta), "CONFLICT_OF_INTEREST");
  });

  it("a scope over 50 messages needs approval; deciding the case ends pending and live grants", async () => {
    const requester = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation({ messages: 120, reportedPosition: 60 });
    await assignTo(world.caseId, requester);
    const wide = await requestGrant(requester, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY, scope: { from: 20, to: 100 } }, meta);
    expect([wide.status, wide.grant.approvalReasons]).toEqual([202, ["WIDE_SCOPE"]]);
    await decideCase(requester, { caseId: world.caseId, decision: "NO_VIOLATION", note: "Nothing found." }, meta);
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: wide.grant.id } })).status).toBe("ENDED");
  });

  it("a lead revokes a live grant; the holder's next read is refused; a reviewer cannot revoke", async () => {
    const holder = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, holder);
    const { grant } = await requestGrant(holder, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
    await readCaseMessages(holder, { caseId: world.caseId }, meta);
    await refused(revokeGrant(holder, { grantId: grant.id, reason: "mine" }, meta), "ROLE");
    const lead = await makeStaff(["LEAD"]);
    await revokeGrant(lead, { grantId: grant.id, reason: "Case handed to another team" }, meta);
    await refused(readCaseMessages(holder, { caseId: world.caseId }, meta), "GRANT_ENDED");
    await refused(revokeGrant(lead, { grantId: grant.id, reason: "again" }, meta), "GRANT_NOT_LIVE");
    const revoked = await getDb().accessEvent.findFirstOrThrow({ where: { grantId: grant.id, action: "GRANT_REVOKED", outcome: "ALLOWED" } });
    expect(revoked.actorId).toBe(lead.id);
    expect(revoked.details).toMatchObject({ holderId: holder.id, reason: "Case handed to another team" });
  });
});
