"use client";

import { useState } from "react";
import type { DetectionRegionItem } from "@/lib/dto";
import { apiFetch, ApiRequestError } from "@/lib/client/api";
import { formatUtc } from "../format";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ErrorNotice } from "../ui/error-notice";

/** One switch per data region: whether its messages are scanned at ingest. Each switch is logged. */
export function RegionSwitches({ initial }: { initial: DetectionRegionItem[] }) {
  const [regions, setRegions] = useState(initial);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function toggle(r: DetectionRegionItem) {
    setPending(r.region);
    setError(null);
    setStatus(null);
    try {
      const res = await apiFetch<{ regions: DetectionRegionItem[]; changed: boolean }>(`/api/v1/detection/regions/${r.region}`, { method: "PUT", body: { enabled: !r.enabled } });
      setRegions(res.regions);
      setStatus(`${r.region} scanning is now ${r.enabled ? "off" : "on"}. The switch is logged.`);
    } catch (err) {
      setError(err instanceof ApiRequestError ? err.message : "Could not switch. Try again.");
    }
    setPending(null);
  }

  return (
    <div className="flex flex-col gap-3">
      <ul className="flex flex-col gap-2" aria-label="Data regions">
        {regions.map((r) => (
          <li key={r.region} className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-zinc-200 bg-white px-3 py-2" aria-label={`${r.region} scanning`}>
            <div className="flex max-w-2xl flex-col gap-0.5">
              <p className="flex items-center gap-2 text-[13px] font-semibold">
                {r.region}
                {r.enabled ? <Badge tone="success">Scanning on</Badge> : <Badge tone="warning">Scanning off</Badge>}
              </p>
              <p className="text-[13px] text-zinc-700">{r.note}</p>
              <p className="text-xs text-zinc-600">{r.isDefault ? "Default setting; no admin has switched it." : `Switched by ${r.changedBy} at ${formatUtc(r.changedAt!, { seconds: false })} UTC.`}</p>
            </div>
            <Button onClick={() => toggle(r)} pending={pending === r.region} variant={r.enabled ? "secondary" : "primary"}>
              {r.enabled ? `Switch ${r.region} scanning off` : `Switch ${r.region} scanning on`}
            </Button>
          </li>
        ))}
      </ul>
      {error ? <ErrorNotice title="Not switched">{error}</ErrorNotice> : null}
      {status ? <p role="status" className="text-[13px] text-emerald-800">{status}</p> : null}
    </div>
  );
}
