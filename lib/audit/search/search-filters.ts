import { z } from "zod";
import { PURPOSES } from "@/lib/policy/purposes";
import { ROLES } from "@/lib/policy/roles";
import { ACTIONS } from "@/lib/log/events/actions";
import { eventSeqText } from "@/lib/validation/event-seq";
import { safeText } from "@/lib/validation/safe-text";

// The auditor's search filters, one schema for the page's query string, the JSON API and the
// export links, so a filtered view is the same URL everywhere. Anything malformed is a
// validation error (HTTP 400, or a notice on the page) — never a query that throws.

export const AUDIT_OUTCOMES = ["ALLOWED", "DENIED", "FAILED"] as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A whole UTC day (YYYY-MM-DD) or an exact ISO timestamp with a zone. */
const when = z
  .string()
  .trim()
  .refine((s) => (DAY.test(s) || ISO.test(s)) && !Number.isNaN(Date.parse(DAY.test(s) ? `${s}T00:00:00Z` : s)), "expected a date (YYYY-MM-DD) or an ISO timestamp");

const text = (max: number) => safeText.trim().max(max);

export const auditFilterSchema = z.object({
  /** A staff member: email, part of an email or name, or their id. */
  actor: text(200).optional(),
  role: z.enum(ROLES).optional(),
  action: z.enum(ACTIONS).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  purpose: z.enum(PURPOSES).optional(),
  /** A case id, or its number ("1042" or "#1042"). */
  case: text(64)
    .regex(/^(#?\d{1,9}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, "expected a case id or number")
    .optional(),
  conversation: z.uuid("expected a conversation id").optional(),
  /** A platform account: handle (with or without @), external id or id. */
  account: text(200).optional(),
  from: when.optional(),
  to: when.optional(),
  /** Text in the justification. Three characters at least: shorter text cannot use the trigram index. */
  q: text(200).min(3, "search text needs at least 3 characters").optional(),
  cursor: eventSeqText().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export type AuditFilters = z.infer<typeof auditFilterSchema>;

/** The filter keys, in the order the form shows them. */
export const FILTER_KEYS = ["actor", "role", "action", "outcome", "purpose", "case", "conversation", "account", "from", "to", "q"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/**
 * Reads filters from a query string. Empty fields are dropped (an unfilled form field means
 * "any"), only the first value of a repeated key counts, and unknown keys are ignored.
 */
export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  return auditFilterSchema.safeParse(filledFields(params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params)));
}

function filledFields(entries: [string, unknown][]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [name, value] of entries) {
    // `caseId` is the first version's name for the case filter; old links keep working.
    const key = name === "caseId" ? "case" : name;
    const v: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof v === "string" && v.trim() !== "" && !(key in raw)) raw[key] = v;
  }
  return raw;
}

/** The same reading, as one schema over a query string's values (for the API's route wrapper). */
export const auditFilterQuery = z.preprocess((q) => filledFields(Object.entries(q as Record<string, unknown>)), auditFilterSchema);

/**
 * A filter's time bounds as PostgreSQL timestamps (strings, so microseconds survive): `from`
 * inclusive, `before` exclusive. A bare `to` date covers that whole UTC day; a `to` timestamp
 * is inclusive, so it becomes "before" the next microsecond.
 */
export function timeBounds(f: Pick<AuditFilters, "from" | "to">): { from?: string; before?: string; toInclusive?: string } {
  const out: { from?: string; before?: string; toInclusive?: string } = {};
  if (f.from) out.from = DAY.test(f.from) ? `${f.from}T00:00:00Z` : f.from;
  if (f.to) {
    if (DAY.test(f.to)) out.before = new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString();
    else out.toInclusive = f.to;
  }
  return out;
}

/** The query string of a filter set (and optional cursor), for links and exports. */
export function auditQueryString(f: Partial<Record<FilterKey | "cursor", string | undefined>>): string {
  const params = new URLSearchParams();
  for (const key of [...FILTER_KEYS, "cursor"] as const) {
    const v = f[key];
    if (v) params.set(key, v);
  }
  return params.toString();
}

/** Whether any filter (not the cursor) is set. */
export function hasFilters(f: Partial<Record<FilterKey, unknown>>): boolean {
  return FILTER_KEYS.some((k) => f[k] !== undefined && f[k] !== "");
}
