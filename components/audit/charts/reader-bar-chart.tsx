import type { ReaderTotal } from "@/lib/audit/activity/read-activity";
import { niceTicks } from "@/lib/audit/activity/chart-scale";

const W = 640;
const ROW = 22;
const M = { top: 4, right: 48, bottom: 18, left: 200 };

/** Top readers by number of reads, as horizontal bars; the table beside it has the figures. */
export function ReaderBarChart({ id, readers, summary }: { id: string; readers: ReaderTotal[]; summary: string }) {
  const H = M.top + M.bottom + Math.max(readers.length, 1) * ROW;
  const ticks = niceTicks(Math.max(0, ...readers.map((r) => r.reads)));
  const top = ticks.at(-1)!;
  const plotW = W - M.left - M.right;
  const x = (v: number) => M.left + (v / top) * plotW;
  const label = (email: string) => (email.length > 30 ? `${email.slice(0, 29)}…` : email);

  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full">
      <title id={`${id}-title`}>Top readers by reads</title>
      <desc id={`${id}-desc`}>{summary}</desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={M.top} y2={H - M.bottom} className={t === 0 ? "stroke-zinc-400" : "stroke-zinc-200"} />
          <text x={x(t)} y={H - 4} textAnchor="middle" fontSize={10} className="fill-zinc-600">
            {t.toLocaleString("en")}
          </text>
        </g>
      ))}
      {readers.map((r, i) => {
        const cy = M.top + i * ROW + ROW / 2;
        return (
          <g key={r.actorId}>
            <text x={M.left - 8} y={cy} dy="0.32em" textAnchor="end" fontSize={11} className="fill-zinc-800">
              {label(r.email)}
            </text>
            <rect x={M.left} y={cy - 7} height={14} width={Math.max(1, x(r.reads) - M.left)} className="fill-accent-700" rx={1}>
              <title>{`${r.email}: ${r.reads.toLocaleString("en")} reads in ${r.cases.toLocaleString("en")} cases`}</title>
            </rect>
            <text x={x(r.reads) + 4} y={cy} dy="0.32em" fontSize={10} className="fill-zinc-700">
              {r.reads.toLocaleString("en")}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
