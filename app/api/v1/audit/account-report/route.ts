import { z } from "zod";
import { exportAccountReportCsv } from "@/lib/audit/account-report/export-account-report";
import { auditFilterSchema } from "@/lib/audit/search/search-filters";
import { authorizeApi } from "@/lib/auth/authorize";
import { errorResponse } from "@/lib/http/handle";
import { requestMetaFrom } from "@/lib/http/request-meta";

// The per-account access report (who read this account's DMs, when and why) as CSV. Logged as
// AUDIT_EXPORTED before the file is sent.
const query = z.object({ account: z.string().trim().min(1).max(200), from: auditFilterSchema.shape.from, to: auditFilterSchema.shape.to });

export async function GET(req: Request) {
  try {
    const staff = await authorizeApi("GET /api/v1/audit/account-report", req);
    const q = query.parse(Object.fromEntries(new URL(req.url).searchParams));
    const { filename, csv } = await exportAccountReportCsv(staff, q, requestMetaFrom(req.headers));
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${filename}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
