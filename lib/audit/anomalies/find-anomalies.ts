import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { assertAuditor } from "../search/search-events";
import * as sql from "./candidates";
import { accountAcrossUnrelatedCases, denialBursts, volumeSignal, volumeSpikes } from "./rules-patterns";
import { protectedAccountReads, readsOutsideWorkingHours, readsWithoutDecision, type RuleContext } from "./rules-reads";
import { ANOMALY_KINDS, DEFAULT_CONFIG, EVIDENCE_LIMIT, type AnomalyConfig, type AnomalyKind, type AnomalySignal } from "./types";
import { parseWorkingHours } from "@/lib/config/working-hours";

// The anomaly signals of the last `days` days, for auditors: candidates from SQL, decisions by
// the pure rules, labels (case numbers, handles) filled in last.

export type AnomalyReport = {
  since: Date;
  now: Date;
  config: AnomalyConfig;
  signals: Record<AnomalyKind, AnomalySignal[]>;
  /** Kinds whose candidates hit the cap: the list may be incomplete. */
  capped: AnomalyKind[];
  /** Case numbers of the evidence events' cases, for display. */
  caseNumbers: Record<string, number>;
};

export function anomalyConfig(): AnomalyConfig {
  return { ...DEFAULT_CONFIG, workingHours: parseWorkingHours(env().CUSTODY_WORKING_HOURS) ?? DEFAULT_CONFIG.workingHours };
}

async function labels(caseIds: string[], accountIds: string[]) {
  const db = getDb();
  const [cases, accounts] = await Promise.all([
    db.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, number: true } }),
    db.platformAccount.findMany({ where: { id: { in: accountIds.filter((a) => /^[0-9a-f-]{36}$/i.test(a)) } }, select: { id: true, handle: true } }),
  ]);
  const numbers = new Map(cases.map((c) => [c.id, c.number]));
  const handles = new Map(accounts.map((a) => [a.id, a.handle]));
  return {
    caseLabel: (id: string) => (numbers.has(id) ? `#${numbers.get(id)}` : id.slice(0, 8)),
    accountLabel: (id: string) => (handles.has(id) ? `@${handles.get(id)}` : id.slice(0, 8)),
  };
}

export async function findAnomalies(staff: StaffContext, opts: { days?: number; now?: Date } = {}): Promise<AnomalyReport> {
  assertAuditor(staff);
  const now = opts.now ?? new Date();
  const days = Math.min(Math.max(opts.days ?? 7, 1), 90);
  const config = anomalyConfig();
  const since = new Date(now.getTime() - days * 86_400_000);
  const baselineSince = new Date(since.getTime() - config.baselineDays * 86_400_000);

  const prot = await sql.protectedAccounts();
  const [late, daily, offHours, protectedReads, denials, across] = await Promise.all([
    sql.lateReadCandidates(since, now, config.decisionWithinMs, config.purposesWithoutDecision),
    sql.dailyReadCounts(baselineSince),
    sql.offHoursReadCandidates(since, config.workingHours),
    sql.protectedReadCandidates(since, prot),
    sql.denialCandidates(since),
    sql.acrossCasesCandidates(since, config.acrossCasesMin),
  ]);
  const caseIds = new Set([...late, ...across.reads].map((r) => r.caseId).filter((c): c is string => c !== null));
  const accountIds = new Set(across.reads.flatMap((r) => r.accountIds));
  const ctx: RuleContext = { now, config, ...(await labels([...caseIds], [...accountIds, ...prot.kinds.keys()])) };

  const judged = Array.from({ length: days }, (_, i) => new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
  const spikes = volumeSpikes(daily, judged, ctx);
  const volume = await Promise.all(spikes.map(async (s) => volumeSignal(s, await sql.readsOnDay(s.actorId, s.day, EVIDENCE_LIMIT), ctx)));

  const byTime = (list: AnomalySignal[]) => list.sort((a, b) => b.at.getTime() - a.at.getTime());
  const signals: Record<AnomalyKind, AnomalySignal[]> = {
    DENIAL_BURST: byTime(denialBursts(denials, ctx)),
    NO_DECISION: byTime(readsWithoutDecision(late, ctx)),
    VOLUME_SPIKE: byTime(volume),
    OFF_HOURS: byTime(readsOutsideWorkingHours(offHours, ctx)),
    PROTECTED_ACCOUNT: byTime(protectedAccountReads(protectedReads, prot, ctx)),
    ACCOUNT_ACROSS_CASES: byTime(accountAcrossUnrelatedCases(across.reads, across.cases, ctx)),
  };
  const counts: Record<AnomalyKind, number> = {
    DENIAL_BURST: denials.length,
    NO_DECISION: late.length,
    VOLUME_SPIKE: 0,
    OFF_HOURS: offHours.length,
    PROTECTED_ACCOUNT: protectedReads.length,
    ACCOUNT_ACROSS_CASES: across.reads.length,
  };
  const evidenceCases = [...new Set(Object.values(signals).flatMap((list) => list.flatMap((s) => s.evidence.map((e) => e.caseId))))].filter((c): c is string => c !== null);
  const numbered = await getDb().case.findMany({ where: { id: { in: evidenceCases } }, select: { id: true, number: true } });
  return {
    since,
    now,
    config,
    signals,
    capped: ANOMALY_KINDS.filter((k) => counts[k] >= sql.CANDIDATE_CAP),
    caseNumbers: Object.fromEntries(numbered.map((c) => [c.id, c.number])),
  };
}
