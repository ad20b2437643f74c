import pg from "pg";
import { CheckpointForkError } from "../checkpoints/checkpoint-directory";
import { CheckpointStoreError } from "../checkpoints/store-guard";
import { eventInsert } from "../events/record-event";
import { TreeStateError } from "./seal-pending-events";

// When sealing would sign over damage (a lost or emptied checkpoint store, a truncated tree, a
// fork) the sealer stops and raises an alarm. These are the kinds of damage, and the event that
// puts the alarm in the log itself, beside the auditors' own verifications.

export interface SealerAlarm {
  kind: "checkpoint-store" | "tree-state" | "fork";
  /** Why sealing stopped, in a sentence with no file paths (readiness shows it). */
  reason: string;
  since: string;
}

/** The refusals that mean damage, not a passing fault such as a dropped connection. */
export function alarmKind(error: unknown): SealerAlarm["kind"] | null {
  if (error instanceof CheckpointStoreError) return "checkpoint-store";
  if (error instanceof CheckpointForkError) return "fork";
  if (error instanceof TreeStateError) return "tree-state";
  return null;
}

/**
 * Records the alarm as an AUDIT_VERIFIED event with outcome FAILED, on a connection of its own
 * (the sealing connection may be what failed). A failed write is logged, never thrown.
 */
export async function recordSealerAlarm(connectionString: string, alarm: Pick<SealerAlarm, "kind" | "reason">, log: (message: string) => void): Promise<void> {
  const { columns, values, params } = eventInsert({
    actor: null,
    action: "AUDIT_VERIFIED",
    outcome: "FAILED",
    details: { mode: "sealer", via: "sealer", ok: false, kind: alarm.kind, problem: alarm.reason },
  });
  const client = new pg.Client({ connectionString, application_name: "custody-sealer-alarm" });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query(`INSERT INTO access_event (${columns}) VALUES (${values})`, params);
  } catch (error) {
    log(`could not record the alarm in the access log: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}
