import type { Metadata } from "next";
import { authorizePage } from "@/lib/auth/authorize";
import { listDetectionRegions } from "@/lib/detection/regions";
import { AccessRefused } from "@/components/access-refused";
import { RegionSwitches } from "@/components/detection/region-switches";

export const metadata: Metadata = { title: "Detection by region" };

export default async function DetectionAdminPage() {
  const { staff, refusal } = await authorizePage("PAGE /admin/detection");
  if (refusal) return <AccessRefused title="Detection by region" message={`Scanning per region is set by admins. ${refusal.message}`} />;
  const regions = await listDetectionRegions(staff);

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-3">
      <h1 className="text-base font-semibold">Proactive detection by data region</h1>
      <p className="max-w-3xl text-[13px] text-zinc-700">
        Scanning runs on new messages at ingest, only where it has a legal basis. While a region is off, its messages are not scanned at all, and a conversation is scanned only when
        every participant&apos;s region is on. Leads write the rules; admins decide where they apply. Every switch is logged.
      </p>
      <RegionSwitches initial={regions} />
    </div>
  );
}
