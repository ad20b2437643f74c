import "server-only";
import type { Db } from "@/lib/db";

// The non-disclosure order's end (18 U.S.C. 2705(b)): once a request's `non_disclosure_until`
// has passed, LEGAL owes the user a notice, so this job raises a "user notice due" task on the
// legal page. One statement, idempotent by the unique request id: running twice, or in two
// runners at once, raises each task once. Rejected requests never reached the user's data,
// so they owe no notice. Raising a task discloses nothing; giving the notice is the logged step
// (LEGAL_USER_NOTICE_GIVEN, lib/legal/user-notices.ts).

export const USER_NOTICE_TASK = "user-notice-due";
/** Every 15 minutes, on the job runner (ADR 015, ADR 031). */
export const USER_NOTICE_CRONTAB = `*/15 * * * * ${USER_NOTICE_TASK}`;

export type RaiseOptions = { now?: Date; /** Restricts the run to these requests (tests sharing a database). */ only?: readonly string[] };

export async function raiseUserNoticesDue(db: Db, opts: RaiseOptions = {}): Promise<{ raised: string[] }> {
  const now = opts.now ?? new Date();
  const only = opts.only ? [...opts.only] : null;
  const rows = await db.$queryRaw<{ request_id: string }[]>`
    INSERT INTO legal_user_notice (id, request_id, due_at, raised_at)
    SELECT gen_random_uuid(), r.id, r.non_disclosure_until, ${now}::timestamptz
      FROM legal_request r
     WHERE r.non_disclosure_until IS NOT NULL
       AND r.non_disclosure_until <= ${now}::timestamptz
       AND r.status <> 'REJECTED'
       AND (${only}::uuid[] IS NULL OR r.id = ANY (${only}::uuid[]))
    ON CONFLICT (request_id) DO NOTHING
    RETURNING request_id::text`;
  return { raised: rows.map((r) => r.request_id) };
}
