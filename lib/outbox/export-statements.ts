import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { BadRequestError, ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { recordEvent } from "@/lib/log/events/record-event";
import type { Category } from "@/lib/policy/enums";
import { decidePermission } from "@/lib/policy/permissions";
import type { FinalDecision } from "@/lib/policy/policy-grounds";
import type { Basis } from "@/lib/policy/purposes";
import { isRestriction, toStatementOfReasons } from "./statement-of-reasons";

// The admin's export of DSA statements of reasons for the decisions made in a period, in the
// EU Transparency Database's API v2 shape ({ statements: [...] }, as its bulk endpoint takes
// them). Logged as SOR_EXPORTED before anything is returned. See statement-of-reasons.ts for
// what each statement holds, and why it holds no personal data.

export const MAX_EXPORT_DAYS = 366;
export const MAX_STATEMENTS = 50_000;
const DAY = 86_400_000;

/** The period the export form offers first: the last 30 days, as dates. */
export function defaultExportPeriod(now: Date = new Date()): { from: string; to: string } {
  return { from: new Date(now.getTime() - 30 * DAY).toISOString().slice(0, 10), to: now.toISOString().slice(0, 10) };
}

type Row = { id: string; action: FinalDecision; category: Category; basis: Basis; automated_detection: boolean; decided_at: Date; data_region: "US" | "EU"; content_date: Date | null; has_media: boolean | null };

export async function exportStatementsOfReasons(staff: StaffContext, range: { from?: Date; to?: Date }, meta: RequestMeta) {
  const allowed = decidePermission(staff.roles, "sor:export");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const to = range.to ?? new Date();
  const from = range.from ?? new Date(to.getTime() - 30 * DAY);
  if (from >= to) throw new BadRequestError("from: must be before to");
  if (to.getTime() - from.getTime() > MAX_EXPORT_DAYS * DAY) throw new BadRequestError(`to: at most ${MAX_EXPORT_DAYS} days after from`);
  const db = getDb();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Row[]>`
      with anchors as (
        select d.id as decision_id, m.sent_at, m.has_media
          from decision d join "case" c on c.id = d.case_id
          join message m on m.id = any(d.target_message_ids) or m.id = any(c.flagged_message_ids)
            or m.id in (select rm.message_id from reported_message rm join user_report r on r.id = rm.report_id where r.case_id = d.case_id)
         where d.decided_at >= ${from} and d.decided_at < ${to}
      )
      select d.id, d.action::text as action, d.category::text as category, d.basis::text as basis, d.automated_detection, d.decided_at,
             a.data_region::text as data_region, min(x.sent_at) as content_date, bool_or(x.has_media) as has_media
        from decision d join platform_account a on a.id = d.target_account_id
        left join anchors x on x.decision_id = d.id
       where d.decided_at >= ${from} and d.decided_at < ${to}
       group by d.id, a.data_region
       order by d.decided_at, d.id
       limit ${MAX_STATEMENTS + 1}`;
    if (rows.length > MAX_STATEMENTS) throw new BadRequestError(`More than ${MAX_STATEMENTS} decisions in this period: export a shorter one.`, "TOO_MANY");
    let skippedNotRestrictive = 0;
    let skippedOutsideEu = 0;
    const statements: Record<string, unknown>[] = [];
    for (const r of rows) {
      const action = r.action;
      if (!isRestriction(action)) skippedNotRestrictive++;
      else if (r.data_region !== "EU") skippedOutsideEu++;
      else
        statements.push(
          toStatementOfReasons({ decisionId: r.id, action, category: r.category, basis: r.basis, automatedDetection: r.automated_detection, decidedAt: r.decided_at, contentDate: r.content_date ?? r.decided_at, hasMedia: r.has_media ?? false }),
        );
    }
    await recordEvent(tx, {
      actor: toActor(staff),
      action: "SOR_EXPORTED",
      outcome: "ALLOWED",
      details: { from: from.toISOString(), to: to.toISOString(), statements: statements.length, skippedNotRestrictive, skippedOutsideEu },
      meta,
    });
    return { from: from.toISOString(), to: to.toISOString(), statements };
  });
}
