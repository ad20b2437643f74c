import { z } from "zod";
import { withOperation } from "@/lib/http/with-operation";
import { exportStatementsOfReasons } from "@/lib/outbox/export-statements";
import { saneDate } from "@/lib/validation/sane-date";

// DSA statements of reasons for the decisions made from `from` up to `to` (ISO dates or
// times; a bare `to` date includes that day; default: the last 30 days), as JSON
// { statements: [...] } in the EU Transparency Database's API v2 shape, or JSON lines
// (format=jsonl). Logged as SOR_EXPORTED before the file is sent.
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const query = z.object({
  from: saneDate.optional(),
  to: saneDate.optional(),
  format: z.enum(["json", "jsonl"]).default("json"),
});

export const GET = withOperation("GET /api/v1/admin/statements-of-reasons", { query }, async ({ staff, query, url, meta }) => {
  // The end is exclusive; a bare date means up to the end of that day.
  const to = query.to && DAY_RE.test(url.searchParams.get("to") ?? "") ? new Date(query.to.getTime() + 86_400_000) : query.to;
  const result = await exportStatementsOfReasons(staff, { from: query.from, to }, meta);
  const stamp = result.to.slice(0, 10);
  const jsonl = query.format === "jsonl";
  const body = jsonl ? result.statements.map((s) => JSON.stringify(s)).join("\n") + (result.statements.length ? "\n" : "") : JSON.stringify({ statements: result.statements });
  return new Response(body, {
    headers: {
      "content-type": jsonl ? "application/x-ndjson; charset=utf-8" : "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="statements-of-reasons-${stamp}.${jsonl ? "jsonl" : "json"}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
