import type { RuleContext } from "./rules-reads";
import { type AnomalySignal, type LogEvent, groupBy, plural, signal } from "./types";

// Rules over patterns across events: a reader's volume against their own baseline, bursts of
// denials, one account looked up across unrelated cases. Pure, like rules-reads.ts.

export type DailyReads = { actorId: string; actorEmail: string | null; day: string; reads: number };
export type VolumeSpike = DailyReads & { baseline: number };

const DAY_MS = 86_400_000;
const dayBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);

/**
 * Days on which a reader read more than `volumeRatio` × their own average over the
 * `baselineDays` before (days without reads count as zero), and at least `volumeMinReads`.
 * `days` are the days to judge; `daily` must also cover each one's baseline days.
 */
export function volumeSpikes(daily: readonly DailyReads[], days: readonly string[], ctx: RuleContext): VolumeSpike[] {
  const { volumeRatio, baselineDays, volumeMinReads } = ctx.config;
  const out: VolumeSpike[] = [];
  for (const [, rows] of groupBy(daily, (d) => d.actorId)) {
    const byDay = new Map(rows.map((r) => [r.day, r.reads]));
    for (const day of days) {
      const reads = byDay.get(day) ?? 0;
      if (reads < volumeMinReads) continue;
      let total = 0;
      for (let i = 1; i <= baselineDays; i++) total += byDay.get(dayBefore(day, i)) ?? 0;
      const baseline = total / baselineDays;
      if (reads > volumeRatio * baseline) out.push({ actorId: rows[0]!.actorId, actorEmail: rows[0]!.actorEmail, day, reads, baseline });
    }
  }
  return out;
}

export function volumeSignal(spike: VolumeSpike, evidence: LogEvent[], ctx: RuleContext): AnomalySignal {
  const times = spike.baseline === 0 ? "with no reads" : `${(spike.reads / spike.baseline).toFixed(1)}× their average of ${spike.baseline.toFixed(1)} a day`;
  const summary = `${plural(spike.reads, "read")} on ${spike.day}, ${times} in the ${ctx.config.baselineDays} days before`;
  const s = signal("VOLUME_SPIKE", `${spike.actorId}|${spike.day}`, summary, evidence, { actor: spike.actorId, action: "CONTENT_READ", from: spike.day, to: spike.day });
  // The evidence list may be capped by the query; the count is the day's real total.
  return { ...s, actor: { id: spike.actorId, email: spike.actorEmail }, evidenceCount: Math.max(spike.reads, s.evidenceCount) };
}

/** Who a denial is held against: the staff member, else the email tried, else "unknown". */
export type Denial = LogEvent & { actorKey: string };

/**
 * At least `burstCount` denials within `burstWindowMs` by one actor. Overlapping windows merge
 * into one burst, so a long run of refusals is one signal listing all of them.
 */
export function denialBursts(denials: readonly Denial[], ctx: RuleContext): AnomalySignal[] {
  const { burstCount, burstWindowMs } = ctx.config;
  const out: AnomalySignal[] = [];
  for (const [actorKey, list] of groupBy(denials, (d) => d.actorKey)) {
    const sorted = [...list].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
    let burst: { from: number; to: number } | null = null;
    const flush = () => {
      if (!burst) return;
      const events = sorted.slice(burst.from, burst.to + 1);
      const minutes = Math.max(1, Math.ceil((events.at(-1)!.occurredAt.getTime() - events[0]!.occurredAt.getTime()) / 60_000));
      // JavaScript times are whole milliseconds and the log's are microseconds: round the end up.
      const to = new Date(events.at(-1)!.occurredAt.getTime() + 1).toISOString();
      const range = { outcome: "DENIED", from: events[0]!.occurredAt.toISOString(), to };
      out.push(signal("DENIAL_BURST", `${actorKey}|${events[0]!.seq}`, `${plural(events.length, "denial")} within ${plural(minutes, "minute")}`, events, range));
      burst = null;
    };
    let j = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (j < i) j = i;
      while (j + 1 < sorted.length && sorted[j + 1]!.occurredAt.getTime() - sorted[i]!.occurredAt.getTime() <= burstWindowMs) j++;
      if (j - i + 1 < burstCount) continue;
      if (burst && i <= burst.to) burst.to = Math.max(burst.to, j);
      else {
        flush();
        burst = { from: i, to: j };
      }
    }
    flush();
  }
  return out;
}

export type CaseLink = { conversationId: string; appealOfId: string | null };

/**
 * One reader looking up the same platform account in at least `acrossCasesMin` unrelated
 * cases. Cases are related when they share a conversation or one appeals the other (directly
 * or through a chain); related cases count once.
 */
export function accountAcrossUnrelatedCases(reads: readonly LogEvent[], cases: ReadonlyMap<string, CaseLink>, ctx: RuleContext): AnomalySignal[] {
  const pairs = reads.flatMap((r) => (r.caseId && r.action === "CONTENT_READ" ? r.accountIds.map((account) => ({ account, read: r })) : []));
  const out: AnomalySignal[] = [];
  for (const [key, list] of groupBy(pairs, (p) => `${p.read.actorId}|${p.account}`)) {
    const caseIds = [...new Set(list.map((p) => p.read.caseId!))];
    if (caseIds.length < ctx.config.acrossCasesMin) continue;
    const groups = unrelatedGroups(caseIds, cases);
    if (groups < ctx.config.acrossCasesMin) continue;
    const labels = caseIds.slice(0, 5).map(ctx.caseLabel).join(", ") + (caseIds.length > 5 ? ", …" : "");
    const account = list[0]!.account;
    const summary = `${ctx.accountLabel(account)} looked up in ${groups} unrelated cases (${labels})`;
    out.push(signal("ACCOUNT_ACROSS_CASES", key, summary, list.map((p) => p.read), { account, action: "CONTENT_READ" }));
  }
  return out;
}

/** How many groups of related cases `caseIds` fall into (union-find over shared conversations and appeals). */
export function unrelatedGroups(caseIds: readonly string[], cases: ReadonlyMap<string, CaseLink>): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const id of caseIds) {
    const link = cases.get(id);
    if (!link) continue;
    union(id, `conv:${link.conversationId}`);
    if (link.appealOfId) union(id, link.appealOfId);
  }
  // Appeal chains may pass through cases the reader never read; resolve them too.
  for (const [id, link] of cases) if (link.appealOfId) union(id, link.appealOfId);
  return new Set(caseIds.map(find)).size;
}
