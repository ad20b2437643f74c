import "server-only";
import { z } from "zod";
import { BadRequestError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ExportRequest } from "./export-plan";
import { filterConditions } from "../search/filter-sql";
import { resolveFilters } from "../search/resolve-filters";
import { FILTER_KEYS, parseAuditFilters } from "../search/search-filters";

// An export's query string: the auditor's search filters (the same schema as the search page
// and API, so an export link reproduces what was on screen) plus the export's own options.
// No filter means the whole log, contiguous and rebuildable into the tree; any filter makes
// a filtered export whose events carry inclusion proofs.

const size = z.coerce.number().int("expected a whole number").min(0).max(Number.MAX_SAFE_INTEGER);
const options = z.object({
  format: z.enum(["jsonl", "csv"], { error: "format must be jsonl or csv" }).default("jsonl"),
  fromLeaf: size.optional(),
  consistencyFrom: size.min(1, "consistencyFrom is a tree size of 1 or more").optional(),
});

export async function parseExportRequest(params: URLSearchParams): Promise<ExportRequest> {
  const opts = options.safeParse({
    format: params.get("format") ?? undefined,
    fromLeaf: params.get("fromLeaf") ?? undefined,
    consistencyFrom: params.get("consistencyFrom") ?? undefined,
  });
  if (!opts.success) throw new BadRequestError(opts.error.issues[0]?.message ?? "invalid export options");
  const parsed = parseAuditFilters(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BadRequestError(`${issue?.path.join(".") ?? "filter"}: ${issue?.message ?? "invalid filter"}`);
  }
  const filter: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = parsed.data[key];
    if (value !== undefined) filter[key] = String(value);
  }
  if (Object.keys(filter).length === 0) return { ...opts.data, conditions: [] };
  if (opts.data.fromLeaf) throw new BadRequestError("fromLeaf applies to unfiltered (contiguous) exports only");
  const resolution = await resolveFilters(parsed.data);
  // A filter that matches nothing (an unknown staff member or case) exports no events, but
  // still a valid, signed, empty selection.
  const conditions = resolution.unmatched ? [Prisma.sql`false`] : filterConditions(resolution.filters);
  return { ...opts.data, conditions: conditions.length > 0 ? conditions : [Prisma.sql`true`], filter };
}
