// Pure helpers for the activity charts: a readable axis and a continuous run of days.

/** Round axis ticks from 0 that cover `max`: steps of 1, 2 or 5 × 10^k (whole numbers: these are counts), about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Math.round(v * 1e9) / 1e9);
  return ticks;
}

/** Every UTC day from `from` to `to` inclusive, as YYYY-MM-DD. */
export function daysBetween(from: Date, to: Date): string[] {
  const out: string[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start; t <= to.getTime(); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export type DayCounts<K extends string> = { day: string; counts: Record<K, number>; total: number };

/**
 * Per-day counts by series over a continuous run of days (days without rows are zero), in the
 * series order given, so the chart and its table show the same days and the same stack.
 */
export function fillDays<K extends string>(rows: readonly { day: string; key: string; count: number }[], days: readonly string[], keys: readonly K[]): DayCounts<K>[] {
  const byDay = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = byDay.get(r.day) ?? new Map<string, number>();
    m.set(r.key, (m.get(r.key) ?? 0) + r.count);
    byDay.set(r.day, m);
  }
  return days.map((day) => {
    const m = byDay.get(day);
    const counts = Object.fromEntries(keys.map((k) => [k, m?.get(k) ?? 0])) as Record<K, number>;
    return { day, counts, total: keys.reduce((n, k) => n + counts[k], 0) };
  });
}
