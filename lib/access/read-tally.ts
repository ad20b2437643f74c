import "server-only";
import type { PoolClient } from "pg";

// Counts a content read against the reader's hourly limit: minute buckets, summed over the
// last 60 minutes (a sliding window). Runs inside the read's transaction: the upsert locks
// this reader's current bucket until commit, so concurrent reads by one reader are counted
// one after another and cannot slip past the limit together; a refused or failed read rolls
// its increment back.
export async function countContentRead(client: PoolClient, staffId: string, now: Date): Promise<number> {
  const { rows } = await client.query<{ total: number }>(
    `
    WITH bump AS (
      INSERT INTO content_read_tally (staff_id, minute, reads)
      VALUES ($1::uuid, date_trunc('minute', $2::timestamptz), 1)
      ON CONFLICT (staff_id, minute) DO UPDATE SET reads = content_read_tally.reads + 1
      RETURNING minute, reads
    )
    SELECT ((SELECT reads FROM bump) + coalesce((
      SELECT sum(t.reads) FROM content_read_tally t
       WHERE t.staff_id = $1::uuid
         AND t.minute > $2::timestamptz - interval '1 hour'
         AND t.minute <> (SELECT minute FROM bump)
    ), 0))::int AS total`,
    [staffId, now],
  );
  return rows[0]?.total ?? 1;
}
