import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { ROLES } from "@/lib/policy/roles";
import type { ResolvedFilters } from "./resolve-filters";
import { timeBounds } from "./search-filters";

// The WHERE clause of the auditor's search, one fragment per filter, every value a bound
// parameter but the role. Each fragment has an index behind it (migrations ..._audit_search_indexes
// and ..._audit_role_indexes): equalities on (column, occurred_at, seq) btrees, the role on a
// partial index per role, account containment on GIN, ILIKE on the pg_trgm GIN.

/** ILIKE pattern for "contains `text`", with the pattern's own metacharacters escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function roleLiteral(role: string): string {
  if (!(ROLES as readonly string[]).includes(role)) throw new Error(`not a role: ${role}`);
  return role;
}

export function filterConditions(f: ResolvedFilters, alias = "e"): Prisma.Sql[] {
  const col = (name: string) => Prisma.raw(`${alias}.${name}`);
  const out: Prisma.Sql[] = [];
  if (f.actorIds?.length === 1) out.push(Prisma.sql`${col("actor_id")} = ${f.actorIds[0]}::uuid`);
  else if (f.actorIds) out.push(Prisma.sql`${col("actor_id")} = ANY(${f.actorIds}::uuid[])`);
  // The role is written as a literal (it is one of ROLES, checked by the schema) so that the
  // planner can match it to that role's partial index (migration ..._audit_role_indexes).
  if (f.role) out.push(Prisma.sql`${col("actor_roles")} @> ${Prisma.raw(`'{${roleLiteral(f.role)}}'::text[]`)}`);
  if (f.action) out.push(Prisma.sql`${col("action")} = ${f.action}`);
  if (f.outcome) out.push(Prisma.sql`${col("outcome")} = ${f.outcome}::"EventOutcome"`);
  if (f.purpose) out.push(Prisma.sql`${col("purpose")} = ${f.purpose}`);
  if (f.caseId) out.push(Prisma.sql`${col("case_id")} = ${f.caseId}::uuid`);
  if (f.conversation) out.push(Prisma.sql`${col("conversation_id")} = ${f.conversation}::uuid`);
  if (f.accountId) out.push(Prisma.sql`${col("account_ids")} @> ARRAY[${f.accountId}]::text[]`);
  const t = timeBounds(f);
  if (t.from) out.push(Prisma.sql`${col("occurred_at")} >= ${t.from}::timestamptz`);
  if (t.before) out.push(Prisma.sql`${col("occurred_at")} < ${t.before}::timestamptz`);
  if (t.toInclusive) out.push(Prisma.sql`${col("occurred_at")} <= ${t.toInclusive}::timestamptz`);
  if (f.q) out.push(Prisma.sql`${col("justification")} ILIKE ${containsPattern(f.q)}`);
  return out;
}

export function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}
