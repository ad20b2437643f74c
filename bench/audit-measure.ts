// Measuring pieces of `npm run bench:audit`: closed-loop writers, a paced writer, resident
// memory of a process tree, and seal lag read back from the database.
import { readFile, readdir } from "node:fs/promises";
import type pg from "pg";

export type Rate = { ops: number; seconds: number; perSecond: number; errors: number };

/** `writers` concurrent loops calling `op` as fast as it returns, for `seconds`. */
export async function closedLoop(writers: number, seconds: number, op: (writer: number) => Promise<unknown>): Promise<Rate> {
  let ops = 0;
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < end) {
        try {
          await op(w);
          ops++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  return { ops, seconds: elapsed, perSecond: ops / elapsed, errors };
}

/** Calls `op` `perSecond` times a second for `seconds`, on schedule (open loop), with up to `inFlight` outstanding. */
export async function paced(perSecond: number, seconds: number, inFlight: number, op: () => Promise<unknown>): Promise<{ sent: number; late: number; errors: number }> {
  const total = Math.round(perSecond * seconds);
  const start = performance.now();
  let next = 0;
  let late = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (;;) {
        const k = next++;
        if (k >= total) return;
        const due = start + (k * 1000) / perSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -50) late++;
        await op().catch(() => errors++);
      }
    }),
  );
  return { sent: total, late, errors };
}

/** Resident set size of each process in the tree, by pid. */
export async function rssByProcess(pid: number, out = new Map<number, number>()): Promise<Map<number, number>> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (kb) out.set(pid, Number(kb[1]) * 1024);
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, "utf8").catch(() => "");
    for (const child of children.split(/\s+/).filter(Boolean)) await rssByProcess(Number(child), out);
  }
  return out;
}

/** Samples every `everyMs` until stopped; returns the peaks of the whole tree and of its largest process. */
export function rssSampler(pid: number, everyMs = 100) {
  let tree = 0;
  let largest = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const each = [...(await rssByProcess(pid)).values()];
      tree = Math.max(tree, each.reduce((a, b) => a + b, 0));
      largest = Math.max(largest, ...each);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { tree, largest };
    },
  };
}

/**
 * Seal lag of the events with seq in (fromSeq, toSeq]: from the event's time (its transaction's
 * start, on the database clock) to the creation of the first checkpoint covering its leaf
 * (clock_timestamp() inside the sealing transaction, on the same clock).
 */
export async function sealLag(db: pg.Pool, fromSeq: string, toSeq: string) {
  const r = await db.query<{ n: string; unsealed: string; p50: number; p95: number; p99: number; max: number }>(
    `WITH lag AS (
       SELECT (extract(epoch FROM (c.created_at - e.occurred_at)) * 1000)::float8 AS ms
         FROM access_event e JOIN audit_leaf l ON l.seq = e.seq
         CROSS JOIN LATERAL (SELECT created_at FROM audit_checkpoint c WHERE c.tree_size > l.leaf_index ORDER BY c.tree_size LIMIT 1) c
        WHERE e.seq > $1::bigint AND e.seq <= $2::bigint)
     SELECT count(*)::text AS n,
            (SELECT count(*) FROM access_event e WHERE e.seq > $1::bigint AND e.seq <= $2::bigint
               AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq))::text AS unsealed,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY ms) AS p95,
            percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms)::float8 AS max
       FROM lag`,
    [fromSeq, toSeq],
  );
  const row = r.rows[0]!;
  return { events: Number(row.n), unsealed: Number(row.unsealed), p50: row.p50, p95: row.p95, p99: row.p99, max: row.max };
}

/** `fn` inside BEGIN … COMMIT on one pooled connection, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const out = await fn(client);
    await client.query("COMMIT");
    return out;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** `n` GETs one after another; p50 and p95 in ms. */
export async function sequentialLatency(n: number, url: () => string, headers: Record<string, string>) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const res = await fetch(url(), { headers });
    if (!res.ok) throw new Error(`${url()}: ${res.status}`);
    await res.arrayBuffer();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n / 2)]!, p95: times[Math.floor(n * 0.95)]! };
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
