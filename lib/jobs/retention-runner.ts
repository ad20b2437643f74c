import "server-only";
import { getDb } from "@/lib/db";
import { startJobRunner, type JobRunner } from "./runner/job-runner";
import { SHRED_CRONTAB, SHRED_TASK, shredExpiredConversations } from "./shred-expired";
import { USER_NOTICE_CRONTAB, USER_NOTICE_TASK, raiseUserNoticesDue } from "./user-notice-due";

// The retention sweep on the job runner (ADR 015): graphile-worker's crontab fires the
// shred-expired task once an hour, once across every runner (it records each slot in its
// known_crontabs table), so running one per server process and in `npm run worker` is safe.
// A sweep cut short runs again next hour; each shred commits on its own with its event.
// The same runner raises "user notice due" tasks every 15 minutes once a non-disclosure order
// has ended (user-notice-due.ts, ADR 031): legal time-keeping, like retention.

type RetentionRunnerOptions = {
  connectionString: string;
  staleMs: number;
  log?: (line: string) => void;
  /** false: no hourly schedule, only jobs added by hand (tests sharing a database). */
  schedule?: boolean;
};

/** A job's payload may name conversations (`{ only: [ids] }`): a targeted run; the hourly one names none. */
function onlyOf(payload: unknown): string[] | undefined {
  const only = (payload as { only?: unknown } | null)?.only;
  return Array.isArray(only) && only.every((x) => typeof x === "string") ? only : undefined;
}

export async function startRetentionRunner({ connectionString, staleMs, log = (l) => console.log(l), schedule = true }: RetentionRunnerOptions): Promise<JobRunner> {
  return startJobRunner({
    connectionString,
    concurrency: 1,
    staleMs,
    log,
    crontab: schedule ? `${SHRED_CRONTAB}\n${USER_NOTICE_CRONTAB}` : undefined,
    tasks: {
      [SHRED_TASK]: async (payload) => {
        const { shredded } = await shredExpiredConversations(getDb(), { only: onlyOf(payload) });
        if (shredded) log(`[retention] shredded ${shredded} conversation(s) past retention`);
      },
      [USER_NOTICE_TASK]: async (payload) => {
        const { raised } = await raiseUserNoticesDue(getDb(), { only: onlyOf(payload) });
        if (raised.length) log(`[legal] ${raised.length} user notice(s) now due: a non-disclosure order ended`);
      },
    },
  });
}
