import { z } from "zod";
import { exportAccountReportCsv } from "@/lib/audit/account-report/export-account-report";
import { auditFilterSchema } from "@/lib/audit/search/search-filters";
import { withOperation } from "@/lib/http/with-operation";
import { safeText } from "@/lib/validation/safe-text";

// The per-account access report (who read this account's DMs, when and why) as CSV. Logged as
// AUDIT_EXPORTED before the file is sent.
const query = z.object({ account: safeText.trim().min(1).max(200), from: auditFilterSchema.shape.from, to: auditFilterSchema.shape.to });

export const GET = withOperation("GET /api/v1/audit/account-report", { query }, async ({ staff, query, meta }) => {
  const { filename, csv } = await exportAccountReportCsv(staff, query, meta);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
