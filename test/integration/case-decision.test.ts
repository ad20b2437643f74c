import { afterAll, describe, expect, it } from "vitest";
import { expandScope } from "@/lib/access/expand-scope";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb } from "@/lib/db";
import type { Decision } from "@/lib/dto";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";

// A decision hands the case on (ESCALATE: to the leads) or closes it, and either way no one
// keeps access past it: every live or pending grant on the case ends in the same transaction.
// An escalation that left grants open was planted in a mutation pass and no test noticed.

const WHY = "Reviewing the reported messages in context";

afterAll(() => disconnectDb());

/** A reviewer reading positions 11–55 of 100, with a wider scope (to 65) waiting for approval. */
async function caseWithLiveAndPendingGrants() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 100, reportedPosition: 50 });
  await assignTo(world.caseId, reviewer);
  const { grant: live } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY, scope: { from: 11, to: 55 } }, meta);
  const { grant: pending } = await expandScope(reviewer, { grantId: live.id, direction: "later", justification: "Need the replies that followed the threat" }, meta);
  expect([live.status, pending.status]).toEqual(["ACTIVE", "PENDING"]);
  // A grant that ended earlier keeps its own reason.
  const earlier = await getDb().accessGrant.create({
    data: { staffId: reviewer.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: WHY, scopeFrom: 40, scopeTo: 60, status: "ENDED", endedAt: new Date(), endedReason: "revoked", expiresAt: new Date(Date.now() + 60_000) },
  });
  return { reviewer, world, live, pending, earlier };
}

describe("deciding a case ends its grants", () => {
  it.each([
    ["ESCALATE", "case escalated"],
    ["NO_VIOLATION", "case closed"],
  ] as [Decision, string][])("%s ends the active grant and the pending widening, and logs which", async (decision, reason) => {
    const { reviewer, world, live, pending, earlier } = await caseWithLiveAndPendingGrants();
    await decideCase(reviewer, { caseId: world.caseId, decision, note: "Handing on." }, meta);

    const grants = await getDb().accessGrant.findMany({ where: { caseId: world.caseId }, select: { id: true, status: true, endedReason: true, endedAt: true } });
    const byId = new Map(grants.map((g) => [g.id, g]));
    for (const g of [live, pending]) expect(byId.get(g.id)).toMatchObject({ status: "ENDED", endedReason: reason, endedAt: expect.any(Date) });
    expect(byId.get(earlier.id)).toMatchObject({ status: "ENDED", endedReason: "revoked" });
    const logged = await getDb().accessEvent.findFirstOrThrow({ where: { caseId: world.caseId, action: "CASE_DECIDED" } });
    expect(((logged.details as { endedGrantIds: string[] }).endedGrantIds ?? []).sort()).toEqual([live.id, pending.id].sort());

    // The former holder reads nothing, and the widening can no longer be approved. An escalated
    // case is no longer theirs, so it answers as one that does not exist (lib/policy/case-secrecy.ts).
    const refused = decision === "ESCALATE" ? { status: 404, code: "CASE_NOT_FOUND" } : { status: 403 };
    await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject(refused);
    const lead = await makeStaff(["LEAD"]);
    await expect(decideOnRequest(lead, { grantId: pending.id, verdict: "approve" }, meta)).rejects.toMatchObject({ status: 403, code: "NOT_PENDING" });
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("ENDED");
  });

  it("an escalated case is the leads' to take: the former reviewer's new claim needs a new grant", async () => {
    const { reviewer, world } = await caseWithLiveAndPendingGrants();
    await decideCase(reviewer, { caseId: world.caseId, decision: "ESCALATE", note: "For the leads." }, meta);
    const kase = await getDb().case.findUniqueOrThrow({ where: { id: world.caseId }, select: { status: true, assigneeId: true } });
    expect(kase).toEqual({ status: "ESCALATED", assigneeId: null });
    // Even if handed back to the same reviewer, nothing of the old grants opens the thread.
    await assignTo(world.caseId, reviewer);
    await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject({ status: 403, code: "GRANT_ENDED" });
  });
});
