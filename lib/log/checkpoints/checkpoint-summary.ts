import "server-only";
import { auditPool } from "../pool";
import { type Queryable, toSafeNumber } from "../events/event-rows";

// The log's latest signed checkpoint in brief, for the verification panel: how many events are
// sealed, the root an auditor can compare with one they hold, and how long ago the last seal
// was (minutes-old with new events arriving means the sealer has stopped).

export interface CheckpointSummary {
  size: number;
  rootHash: string;
  createdAt: string;
  ageSeconds: number;
  /** Events committed but not sealed yet (above the sealer's floor). */
  unsealedEvents: number;
}

export async function latestCheckpointSummary(db: Queryable = auditPool()): Promise<CheckpointSummary | null> {
  const r = await db.query<{ tree_size: string; root_hash: Buffer; created_at: Date; age: number; unsealed: string }>(
    `SELECT c.tree_size::text, c.root_hash, c.created_at, extract(epoch FROM clock_timestamp() - c.created_at)::float8 AS age,
            (SELECT count(*) FROM access_event e, audit_sealer_state s
              WHERE s.id = 1 AND e.seq > s.floor_seq AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq))::text AS unsealed
       FROM audit_checkpoint c ORDER BY c.tree_size DESC LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) return null;
  return {
    size: toSafeNumber(row.tree_size, "tree size"),
    rootHash: row.root_hash.toString("base64"),
    createdAt: row.created_at.toISOString(),
    ageSeconds: Math.max(0, Math.round(row.age)),
    unsealedEvents: Number(row.unsealed),
  };
}
