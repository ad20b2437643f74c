import { type AnomalyConfig, type AnomalySignal, type LogEvent, groupBy, plural, signal, utcDay } from "./types";
import { formatWorkingHours, isOutsideWorkingHours } from "@/lib/config/working-hours";
import { decisionHours } from "./rule-texts";

// Rules over individual reads. Pure: the SQL in candidates.ts narrows the log to the reads
// that might qualify; these functions decide, group and word the signals, and are what the
// unit tests pin down.

export type RuleContext = {
  now: Date;
  config: AnomalyConfig;
  /** "#1042" for a case id; the id itself when the case is unknown. */
  caseLabel: (caseId: string) => string;
  /** "@handle" for an account id. */
  accountLabel: (accountId: string) => string;
};

const isRead = (e: LogEvent) => e.action === "CONTENT_READ" && e.outcome === "ALLOWED";

export type ReadWithNextDecision = LogEvent & { nextDecisionAt: Date | null };

/**
 * Reads not followed by a decision on their case within the configured time (24 h by
 * default). A read younger than that is not late yet. Reads whose purpose never ends in a
 * decision (legal process: a disclosure) are left out. One signal per reader and case.
 */
export function readsWithoutDecision(rows: readonly ReadWithNextDecision[], ctx: RuleContext): AnomalySignal[] {
  const { decisionWithinMs, purposesWithoutDecision } = ctx.config;
  const late = rows.filter(
    (r) =>
      isRead(r) &&
      r.caseId !== null &&
      !purposesWithoutDecision.includes(r.purpose ?? "") &&
      ctx.now.getTime() - r.occurredAt.getTime() >= decisionWithinMs &&
      (r.nextDecisionAt === null || r.nextDecisionAt.getTime() - r.occurredAt.getTime() > decisionWithinMs),
  );
  const hours = decisionHours(ctx.config);
  return [...groupBy(late, (r) => `${r.actorId}|${r.caseId}`)].map(([key, reads]) =>
    signal("NO_DECISION", key, `${plural(reads.length, "read")} of case ${ctx.caseLabel(reads[0]!.caseId!)} with no decision within ${hours} h`, reads, { case: reads[0]!.caseId! }),
  );
}

/** Reads at a time of day outside working hours (UTC). One signal per reader and UTC day. */
export function readsOutsideWorkingHours(reads: readonly LogEvent[], ctx: RuleContext): AnomalySignal[] {
  const hours = ctx.config.workingHours;
  const outside = reads.filter((r) => isRead(r) && isOutsideWorkingHours(r.occurredAt, hours));
  return [...groupBy(outside, (r) => `${r.actorId}|${utcDay(r.occurredAt)}`)].map(([key, list]) =>
    signal("OFF_HOURS", key, `${plural(list.length, "read")} on ${utcDay(list[0]!.occurredAt)} outside working hours (${formatWorkingHours(hours)})`, list, {
      action: "CONTENT_READ",
      from: utcDay(list[0]!.occurredAt),
      to: utcDay(list[0]!.occurredAt),
    }),
  );
}

export type ProtectedAccounts = {
  /** Protected account id → what makes it protected ("journalist", "official", …). */
  kinds: ReadonlyMap<string, string>;
  /** Conversation id → the protected accounts taking part in it. */
  byConversation: ReadonlyMap<string, readonly string[]>;
};

/**
 * Reads touching a protected account — as a sender of a revealed message or as a participant
 * of the conversation read. Approved reads are legitimate, and still worth a second look.
 * One signal per reader and protected account.
 */
export function protectedAccountReads(reads: readonly LogEvent[], prot: ProtectedAccounts, ctx: RuleContext): AnomalySignal[] {
  const pairs: { account: string; read: LogEvent }[] = [];
  for (const read of reads) {
    if (!isRead(read)) continue;
    const involved = new Set([...read.accountIds.filter((a) => prot.kinds.has(a)), ...(read.conversationId ? (prot.byConversation.get(read.conversationId) ?? []) : [])]);
    for (const account of involved) pairs.push({ account, read });
  }
  return [...groupBy(pairs, (p) => `${p.read.actorId}|${p.account}`)].map(([key, list]) => {
    const account = list[0]!.account;
    const summary = `${plural(list.length, "read")} of protected account ${ctx.accountLabel(account)} (${prot.kinds.get(account)})`;
    return signal("PROTECTED_ACCOUNT", key, summary, list.map((p) => p.read), { account, action: "CONTENT_READ" });
  });
}
