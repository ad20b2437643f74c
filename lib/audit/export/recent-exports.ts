import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { assertAuditor } from "../search/search-events";

// The latest exports of the log, from their own AUDIT_EXPORTED events, so an auditor can fetch
// the signed manifest of a download (the browser does not show the x-custody-export-id header).

export type RecentExport = {
  seq: string;
  at: Date;
  by: string | null;
  kind: "log" | "account-report";
  format: string | null;
  scope: string | null;
  exportId: string | null;
  filter: Record<string, string> | null;
};

const str = (v: unknown) => (typeof v === "string" ? v : null);

export async function recentExports(staff: StaffContext, take = 10): Promise<RecentExport[]> {
  assertAuditor(staff);
  const rows = await getDb().accessEvent.findMany({
    where: { action: "AUDIT_EXPORTED", outcome: "ALLOWED" },
    orderBy: [{ occurredAt: "desc" }, { seq: "desc" }],
    take,
    select: { seq: true, occurredAt: true, actorEmail: true, details: true },
  });
  return rows.map((r) => {
    const d = (r.details ?? {}) as Record<string, unknown>;
    const filter = typeof d.filter === "object" && d.filter !== null ? (d.filter as Record<string, string>) : null;
    const exportId = str(d.exportId);
    return {
      seq: r.seq.toString(),
      at: r.occurredAt,
      by: r.actorEmail,
      kind: d.kind === "account-access-report" ? "account-report" : "log",
      format: str(d.format),
      scope: str(d.scope),
      exportId: exportId && /^[0-9a-f-]{36}$/i.test(exportId) ? exportId : null,
      filter,
    };
  });
}
