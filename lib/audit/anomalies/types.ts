import type { Outcome } from "@/lib/policy/enums";

// Anomaly signals: patterns in the access log an auditor should look at, each with the events
// that are its evidence. A signal is a question, not a verdict — most have innocent answers.

export const ANOMALY_KINDS = ["DENIAL_BURST", "NO_DECISION", "VOLUME_SPIKE", "OFF_HOURS", "PROTECTED_ACCOUNT", "ACCOUNT_ACROSS_CASES"] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

/** One event as the rules see it (never content: ids, times, purpose). */
export type LogEvent = {
  seq: string;
  occurredAt: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  outcome: Outcome;
  denialReason: string | null;
  caseId: string | null;
  conversationId: string | null;
  accountIds: string[];
  purpose: string | null;
};

export type AnomalySignal = {
  kind: AnomalyKind;
  /** Stable within a run, for React keys and links. */
  key: string;
  actor: { id: string | null; email: string | null };
  /** One sentence, numbers included. */
  summary: string;
  /** The latest evidence time: signals are listed newest first. */
  at: Date;
  /** Evidence events, newest first, at most `EVIDENCE_LIMIT`. */
  evidence: LogEvent[];
  evidenceCount: number;
  /** Search filters (lib/audit/search/search-filters.ts) that list all of the evidence and its context. */
  filters: Record<string, string>;
};

export const EVIDENCE_LIMIT = 20;

export type AnomalyConfig = {
  /** A read must be followed by a decision on its case within this long. */
  decisionWithinMs: number;
  /** Purposes whose reads never lead to a case decision (legal reads end in a disclosure). */
  purposesWithoutDecision: readonly string[];
  volumeRatio: number;
  baselineDays: number;
  /** A day below this many reads is not a spike, whatever the ratio (a quiet reader's 2 vs 0). */
  volumeMinReads: number;
  /** Minutes after midnight UTC; start > end means working hours wrap past midnight. */
  workingHours: { start: number; end: number };
  burstCount: number;
  burstWindowMs: number;
  /** Unrelated cases in which one reader must have looked up the same account. */
  acrossCasesMin: number;
};

export const DEFAULT_CONFIG: AnomalyConfig = {
  decisionWithinMs: 24 * 3_600_000,
  purposesWithoutDecision: ["LEGAL_PROCESS"],
  volumeRatio: 3,
  baselineDays: 14,
  volumeMinReads: 10,
  workingHours: { start: 7 * 60, end: 19 * 60 },
  burstCount: 5,
  burstWindowMs: 10 * 60_000,
  acrossCasesMin: 3,
};

/** Signal builder shared by the rules: evidence newest first and capped. */
export function signal(kind: AnomalyKind, key: string, summary: string, events: LogEvent[], filters: Record<string, string> = {}): AnomalySignal {
  const sorted = [...events].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || Number(BigInt(b.seq) - BigInt(a.seq)));
  const first = sorted[0]!;
  return {
    kind,
    key: `${kind}:${key}`,
    actor: { id: first.actorId, email: first.actorEmail },
    summary,
    at: first.occurredAt,
    evidence: sorted.slice(0, EVIDENCE_LIMIT),
    evidenceCount: sorted.length,
    filters: { ...(first.actorId ? { actor: first.actorId } : {}), ...filters },
  };
}

/** Groups items by a key, keeping first-seen order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
