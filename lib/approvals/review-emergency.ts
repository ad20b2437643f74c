import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import { type StaffContext, toActor, toStaffFacts } from "@/lib/auth/staff-context";
import { getDb, type Db } from "@/lib/db";
import type { EmergencyReviewItem } from "@/lib/dto";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { can } from "@/lib/policy/permissions";
import { decidePostHocReview, type PostHocVerdict } from "@/lib/policy/post-hoc-review";
import type { DenialReason } from "@/lib/policy/reasons";
import type { Region } from "@/lib/policy/roles";

// The after-the-fact review of emergency access: the approvals inbox lists approved EMERGENCY
// grants nobody has reviewed yet, with what was read under each; a lead or legal specialist
// with no part in the grant records a verdict and a note. The review and its event commit
// together; refusals are logged.

const PARTICIPANTS = { conversation: { select: { participants: { select: { account: { select: { id: true, dataRegion: true } } } } } } } as const;
type WithParticipants = { case: { conversation: { participants: { account: { id: string; dataRegion: Region } }[] } } };
const participantsOf = (g: WithParticipants) => ({ participants: g.case.conversation.participants.map((p) => ({ accountId: p.account.id, dataRegion: p.account.dataRegion })) });

export async function reviewEmergencyAccess(reviewer: StaffContext, input: { grantId: string; verdict: PostHocVerdict; note: string }, meta: RequestMeta) {
  const db = getDb();
  const now = new Date();
  const actor = toActor(reviewer);
  const outcome = await db.$transaction(async (tx) => {
    const g = await tx.accessGrant.findUnique({
      where: { id: input.grantId },
      select: { id: true, staffId: true, approvedById: true, caseId: true, conversationId: true, purpose: true, justification: true, status: true, postHocReviewedAt: true, case: { select: PARTICIPANTS } },
    });
    if (!g) return { kind: "missing" as const };
    const decision = decidePostHocReview({ reviewer: toStaffFacts(reviewer), grant: g, kase: participantsOf(g) });
    const logged = { actor, action: "EMERGENCY_REVIEWED" as const, caseId: g.caseId, conversationId: g.conversationId, grantId: g.id, purpose: g.purpose, meta };
    if (!decision.allow) {
      await recordEvent(tx, { ...logged, outcome: "DENIED", denialReason: decision.reason, details: { holderId: g.staffId } });
      return { kind: "denied" as const, reason: decision.reason, message: decision.message };
    }
    // Conditional on no review yet: two reviewers submitting at once cannot both record one.
    const done = await tx.accessGrant.updateMany({
      where: { id: g.id, postHocReviewedAt: null },
      data: { postHocReviewedById: reviewer.id, postHocReviewedAt: now, postHocVerdict: input.verdict, postHocNote: input.note },
    });
    if (done.count !== 1) return { kind: "denied" as const, reason: "ALREADY_REVIEWED" as const, message: "This emergency access has already been reviewed." };
    await recordEvent(tx, { ...logged, outcome: "ALLOWED", justification: g.justification, details: { verdict: input.verdict, note: input.note, holderId: g.staffId, approvedById: g.approvedById } });
    return { kind: "done" as const };
  });
  if (outcome.kind === "missing") throw new NotFoundError("No such grant.");
  if (outcome.kind === "denied") throw new ForbiddenError(outcome.reason satisfies DenialReason, outcome.message);
  return { grantId: input.grantId, verdict: input.verdict, reviewedAt: now.toISOString() };
}

/** Approved emergency grants not yet reviewed, oldest first, each with the reads made under it; null if the role cannot review. */
export async function emergencyReviewQueue(staff: StaffContext, now: Date, db: Db = getDb()): Promise<EmergencyReviewItem[] | null> {
  if (!can(staff.roles, "grant:review-emergency")) return null;
  const grants = await db.accessGrant.findMany({
    where: { purpose: "EMERGENCY", status: { in: ["ACTIVE", "ENDED"] }, approvedById: { not: null }, postHocReviewedAt: null },
    orderBy: { approvedAt: "asc" },
    take: 200,
    select: {
      id: true, caseId: true, staffId: true, approvedById: true, purpose: true, status: true, postHocReviewedAt: true, justification: true, approvedAt: true, expiresAt: true,
      staff: { select: { id: true, name: true, email: true } },
      approvedBy: { select: { name: true } },
      case: { select: { number: true, ...PARTICIPANTS } },
    },
  });
  // Reads per grant, through the events' case index (a grant's events are its case's).
  const reads = grants.length
    ? await db.$queryRaw<{ grant_id: string; reads: bigint; messages: bigint }[]>`
        SELECT e.grant_id::text, count(*) AS reads, coalesce(sum(cardinality(e.message_ids)), 0) AS messages
        FROM access_event e
        WHERE e.case_id = ANY(${[...new Set(grants.map((g) => g.caseId))]}::uuid[]) AND e.grant_id = ANY(${grants.map((g) => g.id)}::uuid[])
          AND e.action = 'CONTENT_READ' AND e.outcome = 'ALLOWED'
        GROUP BY e.grant_id`
    : [];
  const byGrant = new Map(reads.map((r) => [r.grant_id, r]));
  const me = toStaffFacts(staff);
  return grants.map((g) => {
    const decision = decidePostHocReview({ reviewer: me, grant: g, kase: participantsOf(g) });
    return {
      grantId: g.id,
      caseId: g.caseId,
      caseNumber: g.case.number,
      holder: g.staff,
      approvedBy: g.approvedBy?.name ?? null,
      justification: g.justification,
      approvedAt: g.approvedAt?.toISOString() ?? null,
      expiresAt: g.expiresAt.toISOString(),
      state: g.status === "ENDED" ? "ended" : g.expiresAt <= now ? "expired" : "live",
      reads: Number(byGrant.get(g.id)?.reads ?? 0),
      messagesRevealed: Number(byGrant.get(g.id)?.messages ?? 0),
      blocked: decision.allow ? null : { reason: decision.reason, message: decision.message },
    };
  });
}
