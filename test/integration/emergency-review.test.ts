import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { listApprovals } from "@/lib/approvals/list-approvals";
import { reviewEmergencyAccess } from "@/lib/approvals/review-emergency";
import { disconnectDb, getDb } from "@/lib/db";
import { assignTo, makeReportedConversation, makeStaff, meta, refused } from "./world";

// The after-the-fact review of emergency access, against a real database: it is listed for
// the right people with what was read, recorded once with its event, and refused — and the
// refusal logged — for the holder, the approver, other roles, non-emergency grants and a
// second review.

afterAll(() => disconnectDb());

const WHY = "Credible threat of imminent harm reported by the platform's safety line";

async function approvedEmergency(opts: { read?: boolean } = {}) {
  const holder = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 60 });
  await getDb().case.update({ where: { id: world.caseId }, data: { basis: "EMERGENCY" } });
  await assignTo(world.caseId, holder);
  const { grant } = await requestGrant(holder, { caseId: world.caseId, purpose: "EMERGENCY", justification: WHY, scope: { sentFrom: new Date("2026-10-01T10:00:00Z"), sentTo: new Date("2026-10-01T10:14:00Z") } }, meta);
  const approver = await makeStaff(["LEAD"]);
  await decideOnRequest(approver, { grantId: grant.id, verdict: "approve" }, meta);
  const read = opts.read ? await readCaseMessages(holder, { caseId: world.caseId }, meta) : null;
  return { holder, approver, world, grantId: grant.id, read };
}

const events = (grantId: string) => getDb().accessEvent.findMany({ where: { grantId, action: "EMERGENCY_REVIEWED" }, orderBy: { seq: "asc" } });

describe("post-hoc review of emergency access", () => {
  it("lists an approved emergency grant for an uninvolved lead, with the reads made under it, until it is reviewed", async () => {
    const { holder, grantId, read } = await approvedEmergency({ read: true });
    const reviewer = await makeStaff(["LEAD"]);
    const item = (await listApprovals(reviewer)).emergencyReviews!.find((g) => g.grantId === grantId)!;
    expect(item).toMatchObject({ holder: { id: holder.id }, justification: WHY, state: "live", reads: 1, messagesRevealed: read!.messages.length, blocked: null });

    const note = "Threat was credible and specific; the window asked for was the minimum needed";
    await reviewEmergencyAccess(reviewer, { grantId, verdict: "JUSTIFIED", note }, meta);
    const stored = await getDb().accessGrant.findUniqueOrThrow({ where: { id: grantId } });
    expect(stored).toMatchObject({ postHocReviewedById: reviewer.id, postHocVerdict: "JUSTIFIED", postHocNote: note });
    const [ev] = await events(grantId);
    expect(ev).toMatchObject({ actorId: reviewer.id, outcome: "ALLOWED", details: { verdict: "JUSTIFIED", note, holderId: holder.id } });
    expect((await listApprovals(reviewer)).emergencyReviews!.some((g) => g.grantId === grantId)).toBe(false);
  });

  it("shows the holder and the approver their own emergency grant as not theirs to review, and refuses them", async () => {
    const { holder, approver, grantId } = await approvedEmergency();
    const seen = (await listApprovals(approver)).emergencyReviews!.find((g) => g.grantId === grantId)!;
    expect(seen.blocked?.reason).toBe("SELF_REVIEW");
    await refused(reviewEmergencyAccess(approver, { grantId, verdict: "JUSTIFIED", note: "I approved it and I think it was fine" }, meta), "SELF_REVIEW");
    const holderAsLead = { ...holder, roles: ["LEAD" as const] };
    await refused(reviewEmergencyAccess(holderAsLead, { grantId, verdict: "JUSTIFIED", note: "My own access was justified, surely" }, meta), "SELF_REVIEW");
    expect((await events(grantId)).map((e) => [e.outcome, e.denialReason])).toEqual([
      ["DENIED", "SELF_REVIEW"],
      ["DENIED", "SELF_REVIEW"],
    ]);
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: grantId } })).postHocReviewedAt).toBeNull();
  });

  it("lets a legal specialist review; refuses reviewers, auditors and admins", async () => {
    const { grantId } = await approvedEmergency();
    for (const roles of [["REVIEWER"], ["AUDITOR"], ["ADMIN"]] as const) {
      const who = await makeStaff([...roles]);
      await refused(reviewEmergencyAccess(who, { grantId, verdict: "NOT_JUSTIFIED", note: "Trying to review what is not mine to review" }, meta), "ROLE");
      expect((await listApprovals({ ...who, roles: [...roles] }).catch(() => null))?.emergencyReviews ?? null).toBeNull();
    }
    const legal = await makeStaff(["LEGAL"]);
    await reviewEmergencyAccess(legal, { grantId, verdict: "NOT_JUSTIFIED", note: "The report did not describe an imminent threat to anyone" }, meta);
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: grantId } })).postHocVerdict).toBe("NOT_JUSTIFIED");
  });

  it("records one review only, even when two reviewers submit at once", async () => {
    const { grantId } = await approvedEmergency();
    const [a, b] = [await makeStaff(["LEAD"]), await makeStaff(["LEAD"])];
    const results = await Promise.allSettled([
      reviewEmergencyAccess(a, { grantId, verdict: "JUSTIFIED", note: "Reviewed the case file and the approval note" }, meta),
      reviewEmergencyAccess(b, { grantId, verdict: "NOT_JUSTIFIED", note: "Reviewed the case file and disagree with it" }, meta),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["ALREADY_REVIEWED"]);
    expect((await events(grantId)).filter((e) => e.outcome === "ALLOWED")).toHaveLength(1);
  });

  it("refuses a grant that is not emergency access, and one that was never approved", async () => {
    const reviewer = await makeStaff(["LEAD"]);
    const holder = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, holder);
    const { grant } = await requestGrant(holder, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
    await refused(reviewEmergencyAccess(reviewer, { grantId: grant.id, verdict: "JUSTIFIED", note: "Looks fine to me after reading the case" }, meta), "NOT_EMERGENCY");

    const pendingWorld = await makeReportedConversation({ messages: 60 });
    await getDb().case.update({ where: { id: pendingWorld.caseId }, data: { basis: "EMERGENCY" } });
    await assignTo(pendingWorld.caseId, holder);
    const pending = await requestGrant(holder, { caseId: pendingWorld.caseId, purpose: "EMERGENCY", justification: WHY, scope: { sentFrom: new Date("2026-10-01T10:00:00Z"), sentTo: new Date("2026-10-01T10:14:00Z") } }, meta);
    await refused(reviewEmergencyAccess(reviewer, { grantId: pending.grant.id, verdict: "JUSTIFIED", note: "Looks fine to me after reading the case" }, meta), "NOT_APPROVED");
  });
});
