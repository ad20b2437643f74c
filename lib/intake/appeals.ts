import "server-only";
import type { Tx } from "@/lib/db";
import { UUID_RE } from "@/lib/ids";
import { refuse } from "./intake-errors";
import type { AppealBody, AppealResult } from "./schemas";

// An appeal of a delivered decision opens an APPEAL case linked to the decided case
// (appealOfId): its scope is the original's, and the policy keeps the original's reviewers
// off it. A second appeal of the same decision while that case is open joins it. Idempotent
// by platform appeal id. The appellant must be a participant of the decided conversation.

type DecidedCase = { id: string; conversationId: string; category: "HARASSMENT" | "THREATS" | "GROOMING" | "SCAM" | "HATE" | "SELF_HARM"; priority: number };

/**
 * The closed, finally decided case a decision id names, or null. The decision id is the one
 * the outbound decision webhook carried (lib/outbox: the `decision` row written with the case's
 * final decision); a case id or an ESCALATE (never delivered, so never a decision row) is not one.
 */
export async function findDecidedCase(tx: Tx, decisionId: string): Promise<DecidedCase | null> {
  if (!UUID_RE.test(decisionId)) return null;
  const decision = await tx.decision.findUnique({
    where: { id: decisionId },
    select: { case: { select: { id: true, conversationId: true, category: true, priority: true, status: true } } },
  });
  const kase = decision?.case;
  if (!kase || kase.status !== "CLOSED") return null;
  return { id: kase.id, conversationId: kase.conversationId, category: kase.category, priority: kase.priority };
}

export async function ingestAppeal(tx: Tx, input: AppealBody): Promise<AppealResult & { newCase: boolean; duplicate: boolean }> {
  const existing = await tx.appeal.findUnique({ where: { externalId: input.id }, select: { id: true, caseId: true, openedCase: true } });
  if (existing) return { appealId: existing.id, caseId: existing.caseId, newCase: existing.openedCase, duplicate: true };

  const decided = await findDecidedCase(tx, input.decisionId);
  if (!decided) throw refuse("UNKNOWN_DECISION", ["decisionId"], "no delivered decision with this id");
  const appellant = await tx.platformAccount.findFirst({
    where: { externalId: input.appellantId, participations: { some: { conversationId: decided.conversationId } } },
    select: { id: true },
  });
  if (!appellant) throw refuse("NOT_A_PARTICIPANT", ["appellantId"], "the appellant is not a participant of the decided conversation");

  // Serialise appeals of one decided case, so two appeals cannot open two cases.
  await tx.$executeRaw`SELECT 1 FROM "case" WHERE id = ${decided.id}::uuid FOR UPDATE`;
  const raced = await tx.appeal.findUnique({ where: { externalId: input.id }, select: { id: true, caseId: true, openedCase: true } });
  if (raced) return { appealId: raced.id, caseId: raced.caseId, newCase: raced.openedCase, duplicate: true };
  const open = await tx.case.findFirst({ where: { appealOfId: decided.id, basis: "APPEAL", status: { not: "CLOSED" } }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const kase =
    open ??
    (await tx.case.create({
      data: { basis: "APPEAL", category: decided.category, priority: decided.priority, conversationId: decided.conversationId, appealOfId: decided.id, createdAt: input.createdAt },
      select: { id: true },
    }));
  const appeal = await tx.appeal.create({
    data: { externalId: input.id, caseId: kase.id, appellantId: appellant.id, decisionRef: input.decisionId, text: input.text, openedCase: !open, createdAt: input.createdAt },
    select: { id: true },
  });
  return { appealId: appeal.id, caseId: kase.id, newCase: !open, duplicate: false };
}
