import type { DayCounts } from "@/lib/audit/activity/chart-scale";
import { niceTicks } from "@/lib/audit/activity/chart-scale";
import type { Purpose } from "@/lib/dto";
import { PURPOSE_LABEL } from "../../labels";
import { PURPOSE_COLOR } from "./purpose-colors";

const W = 640;
const H = 240;
const M = { top: 8, right: 8, bottom: 22, left: 40 };
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const short = (day: string) => `${MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}`;

/**
 * Reads per day stacked by purpose, as a static SVG. It is one labelled image for assistive
 * technology (the table beside it carries every number); each segment has a tooltip.
 */
export function StackedDayChart({ id, days, purposes, summary }: { id: string; days: DayCounts<Purpose>[]; purposes: readonly Purpose[]; summary: string }) {
  const max = Math.max(0, ...days.map((d) => d.total));
  const ticks = niceTicks(max);
  const top = ticks.at(-1)!;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const barW = Math.max(1, slot * 0.72);
  const y = (v: number) => M.top + plotH - (v / top) * plotH;
  const every = Math.ceil(days.length / 8);

  return (
    <figure className="flex flex-col gap-1.5">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full">
        <title id={`${id}-title`}>Reads per day by purpose</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className={t === 0 ? "stroke-zinc-400" : "stroke-zinc-200"} strokeWidth={1} />
            <text x={M.left - 6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={10} className="fill-zinc-600">
              {t.toLocaleString("en")}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          let acc = 0;
          const x = M.left + i * slot + (slot - barW) / 2;
          return (
            <g key={d.day}>
              {purposes.map((p) => {
                const v = d.counts[p];
                if (!v) return null;
                const y0 = y(acc);
                acc += v;
                return (
                  <rect key={p} x={x} width={barW} y={y(acc)} height={y0 - y(acc)} fill={PURPOSE_COLOR[p]}>
                    <title>{`${d.day} · ${PURPOSE_LABEL[p]}: ${v.toLocaleString("en")} reads`}</title>
                  </rect>
                );
              })}
              {i % every === 0 ? (
                <text x={x + barW / 2} y={H - 6} textAnchor="middle" fontSize={10} className="fill-zinc-600">
                  {short(d.day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700">
          {purposes.map((p) => (
            <li key={p} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: PURPOSE_COLOR[p] }} />
              {PURPOSE_LABEL[p]}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
