import { EventEmitter } from "node:events";
import os from "node:os";
import pg from "pg";
import { run, type Runner, type TaskList, type WorkerEvents } from "graphile-worker";
import { JOB_SCHEMA, jobRunnerLogger } from "@/lib/db/job-queue-schema";

// Custody's job runner: graphile-worker over PostgreSQL (docs/decisions/015). Any number of
// runner processes may run — one per server process and `npm run worker`s — because a job is
// taken with FOR UPDATE SKIP LOCKED: each job runs in one runner at a time, and none needs to
// be elected. New jobs wake a runner at once through LISTEN/NOTIFY.
//
// What graphile-worker does not do is notice a runner that died holding jobs (kill -9, OOM):
// those stay locked for its fixed 4 hours. So each runner beats in `job_runner` every
// stale/3, and every runner, every stale/2, hands back to the queue the jobs locked longer than
// `stale` by a runner that has stopped beating (graphile_worker.force_unlock_workers). Doing
// so twice, or from several runners at once, is harmless; a job cut short runs again, which
// its task must tolerate (at least once).

export type JobRunnerOptions = {
  connectionString: string;
  tasks: TaskList;
  /** Recurring jobs (graphile-worker crontab lines); each fires once per slot across all runners. */
  crontab?: string;
  concurrency: number;
  /** A runner silent this long is dead (and its locks are released). */
  staleMs: number;
  /** How often an idle runner polls besides LISTEN/NOTIFY (default 2 s). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
};

export type JobRunner = {
  poolId: string;
  pool: pg.Pool;
  stop: () => Promise<void>;
  /** Resolves when the runner stops, rejects if it failed. */
  promise: Promise<void>;
};

const HEARTBEAT_SQL = `insert into job_runner (pool_id, pid, host, beat_at) values ($1, $2, $3, now())
  on conflict (pool_id) do update set beat_at = now()`;

export async function startJobRunner(opts: JobRunnerOptions): Promise<JobRunner> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const pool = new pg.Pool({ connectionString: opts.connectionString, max: opts.concurrency + 3 });
  // Errors of idle and checked-out connections alike (a restarted database) are logged, not fatal.
  pool.on("error", (err) => log(`[job runner] idle database connection lost: ${err.message}`));
  pool.on("connect", (client) => client.on("error", (err) => log(`[job runner] database connection lost: ${err.message}`)));
  const events = new EventEmitter() as WorkerEvents;
  let poolId: string | null = null;
  events.on("pool:create", ({ workerPool }) => (poolId ??= workerPool.id));

  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      schema: JOB_SCHEMA,
      concurrency: opts.concurrency,
      pollInterval: opts.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      logger: jobRunnerLogger("[job runner]"),
      taskList: opts.tasks,
      ...(opts.crontab ? { crontab: opts.crontab } : {}),
      events,
    });
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
  if (!poolId) throw new Error("graphile-worker started no worker pool");
  const id: string = poolId;

  const beat = () => pool.query(HEARTBEAT_SQL, [id, process.pid, os.hostname()]).catch((err: Error) => log(`[job runner] heartbeat failed: ${err.message}`));
  const sweep = () =>
    releaseJobsOfDeadRunners(pool, opts.staleMs)
      .then((released) => released.length && log(`[job runner] released the jobs of ${released.length} runner(s) that stopped beating: ${released.join(", ")}`))
      .catch((err: Error) => log(`[job runner] stale-runner sweep failed: ${err.message}`));
  await beat();
  await sweep();
  const timers = [setInterval(beat, Math.max(250, opts.staleMs / 3)), setInterval(sweep, Math.max(250, opts.staleMs / 2))];
  for (const t of timers) t.unref();

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      for (const t of timers) clearInterval(t);
      await runner.stop().catch(() => {});
      await pool.query("delete from job_runner where pool_id = $1", [id]).catch(() => {});
      await pool.end().catch(() => {});
    })());
  return { poolId: id, pool, stop, promise: runner.promise };
}

/** Unlocks the jobs held past `staleMs` by runners whose heartbeat is older than that (or absent); returns their pool ids. */
export async function releaseJobsOfDeadRunners(db: Pick<pg.Pool, "query">, staleMs: number): Promise<string[]> {
  const { rows } = await db.query<{ ids: string[] | null }>(
    `select array_agg(distinct j.locked_by) as ids
       from ${JOB_SCHEMA}.jobs j
      where j.locked_by is not null and j.locked_at < now() - make_interval(secs => $1)
        and not exists (select 1 from job_runner r where r.pool_id = j.locked_by and r.beat_at >= now() - make_interval(secs => $1))`,
    [staleMs / 1000],
  );
  const ids = rows[0]?.ids ?? [];
  if (ids.length) await db.query(`select ${JOB_SCHEMA}.force_unlock_workers($1::text[])`, [ids]);
  // Forget runners long gone (their rows only mattered while they might hold jobs).
  await db.query("delete from job_runner where beat_at < now() - make_interval(secs => $1)", [(staleMs / 1000) * 20]);
  return ids;
}
