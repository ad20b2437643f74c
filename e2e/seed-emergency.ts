import type { Db } from "../lib/db";

// The demo data's cases all come from user reports; emergency cases come from the platform's
// safety line, which Custody does not take in yet. For the post-hoc review journey the e2e run
// turns one open, US-only case into an emergency that Sam Second (reviewer2, US) asked to
// open and Lee Lead approved — through the same lib functions the pages use.

export async function seedEmergencyForReview(db: Db) {
  const { requestGrant } = await import("../lib/access/request-grant");
  const { decideOnRequest } = await import("../lib/approvals/decide-request");
  const meta = { requestId: "e2e-seed", ipHmac: null, userAgent: "e2e seed" };
  const { loadStaff } = await import("../lib/auth/load-staff");
  const staff = async (email: string) => (await loadStaff((await db.staff.findUniqueOrThrow({ where: { email }, select: { id: true } })).id))!;
  const holder = await staff("reviewer2@custody.test");
  const lead = await staff("lead@custody.test");
  const kase = await db.case.findFirstOrThrow({
    where: { status: "OPEN", conversation: { participants: { every: { account: { dataRegion: "US", isProtected: false } } } } },
    orderBy: { number: "desc" },
    select: { id: true, conversationId: true },
  });
  await db.case.update({ where: { id: kase.id }, data: { basis: "EMERGENCY", status: "IN_REVIEW", assigneeId: holder.id, claimedAt: new Date() } });
  const first = await db.message.findFirstOrThrow({ where: { conversationId: kase.conversationId }, orderBy: { position: "asc" }, select: { sentAt: true } });
  const { grant } = await requestGrant(
    holder,
    { caseId: kase.id, purpose: "EMERGENCY", justification: "Safety line escalation: credible threat of self-harm named in these messages", scope: { sentFrom: first.sentAt, sentTo: new Date(first.sentAt.getTime() + 2 * 3600_000) } },
    meta,
  );
  await decideOnRequest(lead, { grantId: grant.id, verdict: "approve", note: "Imminent risk described; the two-hour window is the minimum." }, meta);
}
