import { type Queryable } from "../events/event-rows";

// How far behind the sealer is: how many committed events above its floor have no leaf yet,
// and how long the oldest of them has waited. With the sealer running this stays under a
// second; a growing lag means it stopped, lost its lock to a stuck standby, or cannot keep up.

export interface SealerLag {
  unsealedEvents: number;
  lagSeconds: number;
}

export async function sealerLag(db: Queryable): Promise<SealerLag> {
  const r = await db.query<{ n: string; lag: number | null }>(
    `SELECT count(*)::text AS n, extract(epoch FROM clock_timestamp() - min(e.occurred_at))::float8 AS lag
       FROM access_event e, audit_sealer_state s
      WHERE s.id = 1 AND e.seq > s.floor_seq AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)`,
  );
  const row = r.rows[0];
  return { unsealedEvents: Number(row?.n ?? 0), lagSeconds: Math.max(0, Math.floor(row?.lag ?? 0)) };
}
