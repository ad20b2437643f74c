import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import { assertAuditor } from "../search/search-events";
import { readAccountAccessReport } from "./account-report";
import { csvDocument } from "../export/csv-rows";

// The account access report as a CSV file. Exporting is itself an access-log event, written
// before the file is handed over, so an export that cannot be logged does not happen.

const HEADER = ["seq", "occurred_at_utc", "reader_email", "reader_id", "reader_roles", "action", "purpose", "justification", "case_number", "case_id", "conversation_id", "grant_id", "messages_revealed"];

export async function exportAccountReportCsv(staff: StaffContext, q: { account: string; from?: string; to?: string }, meta: RequestMeta): Promise<{ filename: string; csv: string }> {
  assertAuditor(staff, "audit:export");
  const report = await readAccountAccessReport(staff, q);
  if (!report) throw new NotFoundError("No platform account matches.");
  await recordEvent(getDb(), {
    actor: toActor(staff),
    action: "AUDIT_EXPORTED",
    outcome: "ALLOWED",
    accountIds: [report.account.id],
    details: { kind: "account-access-report", format: "csv", rows: report.rows.length, total: report.total, from: q.from ?? null, to: q.to ?? null },
    meta,
  });
  const rows = report.rows.map((r) => [
    r.seq,
    r.occurredAt.toISOString(),
    r.actorEmail,
    r.actorId,
    r.actorRoles.join(" "),
    r.action,
    r.purpose,
    r.justification,
    r.caseNumber,
    r.caseId,
    r.conversationId,
    r.grantId,
    r.messages,
  ]);
  const safeHandle = report.account.handle.replace(/[^\w.-]/g, "_").slice(0, 60);
  return { filename: `access-report-${safeHandle}-${new Date().toISOString().slice(0, 10)}.csv`, csv: csvDocument(HEADER, rows) };
}
