import "server-only";
import { getDb } from "@/lib/db";
import { startJobRunner, type JobRunner } from "./runner/job-runner";
import { SHRED_CRONTAB, SHRED_TASK, shredExpiredConversations } from "./shred-expired";

// The retention sweep on the job runner (ADR 015): graphile-worker's crontab fires the
// shred-expired task once an hour, once across every runner (it records each slot in its
// known_crontabs table), so running one per server process and in `npm run worker` is safe.
// A sweep cut short runs again next hour; each shred commits on its own with its event.

export async function startRetentionRunner({ connectionString, staleMs, log = (l) => console.log(l) }: { connectionString: string; staleMs: number; log?: (line: string) => void }): Promise<JobRunner> {
  return startJobRunner({
    connectionString,
    concurrency: 1,
    staleMs,
    log,
    crontab: SHRED_CRONTAB,
    tasks: {
      [SHRED_TASK]: async () => {
        const { shredded } = await shredExpiredConversations(getDb());
        if (shredded) log(`[retention] shredded ${shredded} conversation(s) past retention`);
      },
    },
  });
}
