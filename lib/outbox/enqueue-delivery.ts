import "server-only";
import type { Tx } from "@/lib/db";
import { DELIVER_TASK, deliveryJobKey } from "./decision-webhook";

// The outbox's second half: the delivery job, added to graphile-worker's queue by its SQL API
// inside the caller's transaction. It commits with the decision or not at all, and the
// runner's LISTEN/NOTIFY wakes a dispatcher the moment it commits. The job key keeps one live
// job per decision: adding it again (a retry now) moves that job rather than adding another.

export const ENQUEUE_SQL = `select 1 from graphile_worker.add_job($1::text, json_build_object('decisionId', $2::text), run_at => $3::timestamptz, job_key => $4::text, job_key_mode => 'replace')`;

export function enqueueArgs(decisionId: string, runAt: Date | null): [string, string, string | null, string] {
  return [DELIVER_TASK, decisionId, runAt?.toISOString() ?? null, deliveryJobKey(decisionId)];
}

export async function enqueueDelivery(tx: Tx, decisionId: string, runAt: Date | null = null): Promise<void> {
  await tx.$executeRawUnsafe(ENQUEUE_SQL, ...enqueueArgs(decisionId, runAt));
}
