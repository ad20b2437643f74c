import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { findAnomalies } from "@/lib/audit/anomalies/find-anomalies";
import { ANOMALY_KINDS, type AnomalyKind } from "@/lib/audit/anomalies/types";
import { ruleText } from "@/lib/audit/anomalies/rule-texts";
import { AccessRefused } from "@/components/access-refused";
import { AnomalySection } from "@/components/audit/anomaly-section";
import { WindowTabs } from "@/components/audit/window-tabs";

export const metadata: Metadata = { title: "Anomaly signals" };

type SearchParams = Promise<{ [key: string]: string | string[] | undefined }>;
const WINDOWS = [7, 30, 90] as const;
// Signals listed per kind before "show all": the page stays readable (and quick) on a busy log.
const SHOWN = 15;

export default async function AnomaliesPage({ searchParams }: { searchParams: SearchParams }) {
  const { staff, refusal } = await authorizePage("PAGE /audit/anomalies");
  if (refusal) return <AccessRefused title="Anomaly signals" message={refusal.message} />;
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  // A week by default: recent enough to act on, and cheap on a log of millions of events.
  const days = WINDOWS.find((d) => String(d) === one(params.days)) ?? 7;
  const showAll = ANOMALY_KINDS.find((k) => k === one(params.all));
  const report = await findAnomalies(staff, { days });
  // Each rule's words come from the rule's own config, as the report ran it.
  const text = (k: AnomalyKind) => ruleText(k, report.config);
  const total = ANOMALY_KINDS.reduce((n, k) => n + report.signals[k].length, 0);

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">Anomaly signals</h1>
          <p className="text-[13px] text-zinc-600">
            Patterns worth a second look in the last {days} days — {total} signal{total === 1 ? "" : "s"}. Each lists the events it rests on; a signal is a question, not a finding.
          </p>
        </div>
        <WindowTabs basePath="/audit/anomalies" windows={WINDOWS} current={days} />
      </div>
      <nav aria-label="Signal kinds" className="flex flex-wrap gap-x-4 gap-y-1 text-[13px]">
        {ANOMALY_KINDS.map((k) => (
          <a key={k} href={`#${k.toLowerCase()}`}>
            {text(k).title} ({report.signals[k].length})
          </a>
        ))}
      </nav>
      {ANOMALY_KINDS.map((k) => (
        <AnomalySection
          key={k}
          id={k.toLowerCase()}
          title={text(k).title}
          description={text(k).description}
          signals={report.signals[k]}
          caseNumbers={report.caseNumbers}
          capped={report.capped.includes(k)}
          shown={showAll === k ? Infinity : SHOWN}
          showAllHref={`/audit/anomalies?days=${days}&all=${k}#${k.toLowerCase()}`}
        />
      ))}
    </>
  );
}
