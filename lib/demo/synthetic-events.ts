import type { Queryable } from "@/lib/log/events/event-rows";

// Synthetic access events written straight into access_event by PostgreSQL itself
// (INSERT … SELECT over generate_series), for `npm run db:seed -- --events N`, the benchmarks
// and tests that need a long log. Generated server-side, a million rows take seconds rather
// than the minutes a round trip per row would. Deterministic (hashes of the row number, not
// random()), time-ordered with seq like the real log, and shaped like one: a few heavy readers
// and a long tail, mostly content reads with purposes and justifications, grants, decisions,
// sign-ins and a few per cent denials, mostly in working hours (08:00–18:00 UTC) on every day
// of the range.

export interface SyntheticWorld {
  actors: { id: string; email: string; roles: readonly string[] }[];
  cases: { id: string; conversationId: string; accountIds: readonly string[]; messageIds: readonly string[] }[];
}

export interface SyntheticOptions {
  count: number;
  world: SyntheticWorld;
  from: Date;
  to: Date;
  /** Rows per INSERT statement (each its own transaction when autocommitting). */
  chunk?: number;
  onProgress?: (done: number, total: number) => void;
}

// u(k): a deterministic uniform number in [0, 1) for row i and stream k.
const U = (k: number) => `((abs(hashint8(i * 31 + ${k})) % 1000000) / 1000000.0)`;

const SQL = `
INSERT INTO access_event (occurred_at, actor_id, actor_email, actor_roles, action, outcome, denial_reason, case_id,
  conversation_id, account_ids, message_ids, purpose, justification, grant_id, request_id, ip_hmac, user_agent, details)
SELECT
  to_timestamp(($4::float8 + CASE WHEN $5::float8 < 86400000 THEN i * $5::float8 / $3 ELSE day * 86400000.0 + CASE
      WHEN frac < 0.05 THEN frac / 0.05 * 8
      WHEN frac < 0.90 THEN 8 + (frac - 0.05) / 0.85 * 10
      ELSE 18 + (frac - 0.90) / 0.10 * 6 END * 3600000.0 END) / 1000.0),
  ($6::uuid[])[a], ($7::text[])[a], string_to_array(($8::text[])[a], ','),
  action,
  CASE WHEN denied THEN 'DENIED' ELSE 'ALLOWED' END::"EventOutcome",
  CASE WHEN denied THEN (ARRAY['NO_GRANT','GRANT_EXPIRED','NOT_ASSIGNED','OUT_OF_SCOPE','RESIDENCY'])[1 + (i % 5)] END,
  CASE WHEN has_case THEN ($9::uuid[])[c] END,
  CASE WHEN has_case THEN ($10::uuid[])[c] END,
  CASE WHEN has_case THEN string_to_array(($11::text[])[c], ',') ELSE '{}' END,
  CASE WHEN action = 'CONTENT_READ' AND NOT denied THEN string_to_array(($12::text[])[c], ',') ELSE '{}' END,
  CASE WHEN has_purpose THEN (ARRAY['USER_REPORT','USER_REPORT','USER_REPORT','PROACTIVE_FLAG','LEGAL_PROCESS','APPEAL','EMERGENCY'])[1 + (c % 7)] END,
  CASE WHEN has_purpose THEN (ARRAY[
      'Reviewing the reported harassment in the context of the thread',
      'Checking the flagged message and the replies around it',
      'Verifying the threat described in the user report',
      'Legal request: reviewing the named accounts in the requested window',
      'Appeal: re-reading the scope of the original decision',
      'Emergency disclosure: assessing imminent risk to the reporter'])[1 + (c % 6)] || ' (case ' || c || ')' END,
  CASE WHEN has_purpose THEN md5('grant' || c || '-' || (i / 40))::uuid END,
  'req-' || to_hex(i),
  encode(sha256(convert_to('ip-' || a || '-' || (i / 5000), 'UTF8')), 'base64'),
  (ARRAY['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
         'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36',
         'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'])[1 + (a % 3)],
  CASE WHEN action = 'SCOPE_EXPANDED' THEN jsonb_build_object('direction', CASE WHEN i % 2 = 0 THEN 'earlier' ELSE 'later' END, 'by', 10) END
FROM (
  SELECT i, day, frac, a, c, action, denied,
         action NOT IN ('SIGN_IN', 'SIGN_OUT', 'AUDIT_SEARCHED') AS has_case,
         action IN ('CONTENT_READ', 'GRANT_REQUESTED', 'GRANT_APPROVED', 'SCOPE_EXPANDED') AS has_purpose
  FROM (
    SELECT i, floor(i::float8 * days / $3)::int AS day, (i::float8 * days / $3) - floor(i::float8 * days / $3) AS frac,
      1 + floor(array_length($6::uuid[], 1) * power(${U(1)}, 2))::int AS a,
      1 + floor(array_length($9::uuid[], 1) * ${U(2)})::int AS c,
      CASE WHEN ${U(3)} < 0.45 THEN 'CONTENT_READ' WHEN ${U(3)} < 0.55 THEN 'GRANT_REQUESTED' WHEN ${U(3)} < 0.60 THEN 'GRANT_APPROVED'
           WHEN ${U(3)} < 0.68 THEN 'CASE_CLAIMED' WHEN ${U(3)} < 0.75 THEN 'CASE_DECIDED' WHEN ${U(3)} < 0.78 THEN 'SCOPE_EXPANDED'
           WHEN ${U(3)} < 0.88 THEN 'SIGN_IN' WHEN ${U(3)} < 0.93 THEN 'SIGN_OUT' WHEN ${U(3)} < 0.95 THEN 'AUDIT_SEARCHED'
           ELSE 'ACCESS_DENIED' END AS action,
      ${U(3)} >= 0.95 OR ${U(4)} < 0.03 AS denied
    FROM generate_series($1::bigint, $1::bigint + $2 - 1) AS i, (SELECT greatest(1, ceil($5::float8 / 86400000)) AS days) d
  ) r
) s
ORDER BY i`;

export async function insertSyntheticEvents(db: Queryable, opts: SyntheticOptions): Promise<void> {
  const { world, count } = opts;
  if (world.actors.length === 0 || world.cases.length === 0) throw new Error("a synthetic log needs at least one actor and one case");
  const chunk = opts.chunk ?? 100_000;
  // A range of a day or more is spread over the days with a working-hours profile (the range
  // should then start at midnight UTC); a shorter one evenly.
  const spanMs = Math.max(1, opts.to.getTime() - opts.from.getTime());
  const params = [
    world.actors.map((a) => a.id),
    world.actors.map((a) => a.email),
    world.actors.map((a) => a.roles.join(",")),
    world.cases.map((c) => c.id),
    world.cases.map((c) => c.conversationId),
    world.cases.map((c) => c.accountIds.join(",")),
    world.cases.map((c) => c.messageIds.join(",")),
  ];
  for (let done = 0; done < count; done += chunk) {
    const n = Math.min(chunk, count - done);
    await db.query(SQL, [done, n, count, opts.from.getTime(), spanMs, ...params]);
    opts.onProgress?.(done + n, count);
  }
}
