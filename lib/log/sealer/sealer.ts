import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { type AuditConfig, auditConfig, checkpointSigningKey } from "../config";
import { CheckpointDirectory } from "../checkpoints/checkpoint-directory";
import { GapWatch } from "./gap-watch";
import { type SealResult, sealPendingEvents } from "./seal-pending-events";
import { type SealerAlarm, alarmKind, recordSealerAlarm } from "./sealer-alarm";
import { syncCheckpointDirectory } from "../checkpoints/sync-checkpoints";
import { SealerWitnessing, type WitnessStats } from "./sealer-witnessing";

export type { WitnessAlarm } from "./sealer-witnessing";
export type { SealerAlarm } from "./sealer-alarm";

// The sealer loop. Exactly one runs at a time, elected with a session-level PostgreSQL
// advisory lock held on the connection it seals with: if that process dies, PostgreSQL drops
// the connection, the open batch rolls back and the lock passes to a standby. It seals at least
// every `intervalMs` (250 ms), and at once again whenever a batch came back full (256 events),
// so the lag stays near one interval under load. Runs inside the web server (instrumentation.ts)
// and as `npm run audit:seal`.
//
// When sealing would sign over damage (a lost or emptied checkpoint store, a truncated tree, a
// fork) the sealer stops sealing and raises an alarm: stats.alarm (which readiness reports),
// one "ALARM" log line, and one AUDIT_VERIFIED event with outcome FAILED in the log itself, so
// auditors see it beside their own verifications. It keeps checking, and resumes by itself
// once an operator has repaired the cause.

/** The advisory lock key: any fixed 64-bit number no other Custody code uses. */
export const SEALER_LOCK_KEY = "7263091848522133001";

export interface SealerOptions {
  connectionString: string;
  config?: AuditConfig;
  maxBatch?: number;
  intervalMs?: number;
  /** How often a standby tries to become the sealer. */
  standbyRetryMs?: number;
  /** How often committed-but-unsealed events below the floor are swept for. */
  sweepIntervalMs?: number;
  log?: (message: string) => void;
  /** Tests: passed through to each seal. */
  beforeCommit?: () => Promise<void>;
}

export interface SealerStats extends WitnessStats {
  leader: boolean;
  batches: number;
  sealed: number;
  treeSize: number;
  lastError: string | null;
  alarm: SealerAlarm | null;
}

export class Sealer {
  readonly stats: SealerStats = { leader: false, batches: 0, sealed: 0, treeSize: 0, lastError: null, alarm: null, witnesses: [], witnessAlarm: null };
  readonly #opts: Required<Omit<SealerOptions, "config" | "beforeCommit">> & Pick<SealerOptions, "beforeCommit">;
  readonly #config: AuditConfig;
  readonly #gaps = new GapWatch();
  readonly #abort = new AbortController();
  #client: pg.Client | null = null;
  #loop: Promise<void> | null = null;
  #sweeps: { at: number; floor: string }[] = [];
  /** Null without configured witnesses. */
  readonly #witnessing: SealerWitnessing | null = null;

  constructor(opts: SealerOptions) {
    this.#config = opts.config ?? auditConfig();
    this.#opts = {
      maxBatch: 256,
      intervalMs: 250,
      standbyRetryMs: 2000,
      sweepIntervalMs: 5 * 60_000,
      log: (m) => console.log(`[sealer] ${m}`),
      ...opts,
    };
    if (this.#config.witnesses.length > 0) {
      this.#witnessing = new SealerWitnessing({ connectionString: opts.connectionString, config: this.#config, stats: this.stats, log: (m) => this.#opts.log(m) });
    }
  }

  /** Runs until stop(): seals when elected, waits as a standby otherwise. */
  start(): this {
    this.#loop ??= this.#run();
    return this;
  }

  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop?.catch(() => {});
    await this.#disconnect();
    await this.#witnessing?.stop();
  }

  /** Offers the newest checkpoint to the witnesses now and waits for their answers (tests, --once). */
  async witnessNow(): Promise<void> {
    await this.#witnessing?.now();
  }

  /**
   * Becomes the sealer (waiting for the lock up to `waitMs`), seals everything pending, and
   * lets go. For `npm run audit:seal -- --once`, the seeder and tests. Returns the events sealed.
   */
  async sealAll(opts: { waitMs?: number; maxBatch?: number } = {}): Promise<number> {
    const deadline = Date.now() + (opts.waitMs ?? 30_000);
    let total = 0;
    // Whatever happens, the connection (and with it the lock) is let go: a refusal while taking
    // the lead must not leave this sealer holding it and the standbys waiting forever.
    try {
      while (!(await this.#lead())) {
        if (Date.now() > deadline) throw new Error("another sealer holds the lock");
        await sleep(200);
      }
      for (;;) {
        const result = await this.#sealOnce(opts.maxBatch ?? this.#opts.maxBatch);
        total += result.sealed;
        if (result.sealed === 0) return total;
      }
    } finally {
      await this.#disconnect();
    }
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let reported = "";
    while (!signal.aborted) {
      const tick = Date.now();
      try {
        if (!(await this.#lead())) {
          await sleep(this.#opts.standbyRetryMs, undefined, { signal });
          continue;
        }
        const result = await this.#sealOnce(this.#opts.maxBatch);
        this.#witnessing?.kick();
        await this.#sweepIfDue();
        reported = "";
        if (this.stats.alarm) {
          this.#opts.log(`sealing resumed: the ${this.stats.alarm.kind} alarm raised at ${this.stats.alarm.since} has cleared`);
          this.stats.alarm = null;
        }
        if (result.sealed === this.#opts.maxBatch) continue;
      } catch (error) {
        if (signal.aborted) break;
        const message = error instanceof Error ? error.message : String(error);
        this.stats.lastError = message;
        const kind = alarmKind(error);
        if (kind) await this.#raiseAlarm(kind, message);
        else if (message !== reported) this.#opts.log(`sealing failed: ${message}`);
        reported = message;
        await this.#disconnect();
        await sleep(Math.max(this.#opts.intervalMs, 1000), undefined, { signal }).catch(() => {});
        continue;
      }
      await sleep(Math.max(0, this.#opts.intervalMs - (Date.now() - tick)), undefined, { signal }).catch(() => {});
    }
  }

  /** Connects and takes the lock if free; on first success, catches up the checkpoint files and sweeps. */
  async #lead(): Promise<boolean> {
    if (this.#client && this.stats.leader) return true;
    if (!this.#client) {
      const client = new pg.Client({ connectionString: this.#opts.connectionString, application_name: "custody-sealer" });
      client.on("error", () => void this.#disconnect());
      await client.connect();
      this.#client = client;
      // The lock lives as long as this session. A leader that is frozen or cut off keeps the
      // session open, so PostgreSQL is told to end it once it has been quiet this long: the
      // standbys then take over, and the frozen leader, when it wakes, finds its connection
      // gone and its open batch rolled back (ADR 026).
      const timeout = this.#config.sealerSessionTimeoutSeconds;
      if (timeout > 0) {
        await client.query("SELECT set_config('idle_session_timeout', $1, false), set_config('idle_in_transaction_session_timeout', $1, false)", [`${timeout}s`]);
      }
    }
    const got = await this.#client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [SEALER_LOCK_KEY]);
    if (!got.rows[0]?.ok) return false;
    this.stats.leader = true;
    const copied = await syncCheckpointDirectory(this.#client, new CheckpointDirectory(this.#config.checkpointDir));
    if (copied > 0) this.#opts.log(`wrote ${copied} checkpoint file(s) the previous sealer committed but did not write`);
    this.#sweeps = [];
    await this.#sweep();
    return true;
  }

  async #sealOnce(maxEvents: number): Promise<SealResult> {
    const client = this.#client;
    if (!client) throw new Error("not connected");
    const signer = await checkpointSigningKey(this.#config);
    const directory = new CheckpointDirectory(this.#config.checkpointDir);
    this.#gaps.expire();
    const result = await sealPendingEvents(client, { signer, origin: this.#config.origin, directory }, {
      maxEvents,
      recheck: this.#gaps.seqs(),
      beforeCommit: this.#opts.beforeCommit,
    });
    this.#gaps.update(result);
    if (result.sealed > 0) {
      this.stats.batches++;
      this.stats.sealed += result.sealed;
    }
    this.stats.treeSize = result.treeSize;
    if (result.checkpoint) this.#witnessing?.sealed({ size: result.checkpoint.size, note: result.checkpoint.note });
    return result;
  }

  async #sweepIfDue(): Promise<void> {
    const last = this.#sweeps.at(-1);
    if (!last || Date.now() - last.at >= this.#opts.sweepIntervalMs) await this.#sweep();
  }

  /**
   * Looks below the floor for committed events that have no leaf: gaps given up on whose
   * transactions did commit in the end. The first sweep after election covers the whole log,
   * later ones the stretch since the sweep before last.
   */
  async #sweep(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const state = await client.query<{ floor: string }>("SELECT floor_seq::text AS floor FROM audit_sealer_state WHERE id = 1");
    const floor = state.rows[0]?.floor ?? "0";
    const from = this.#sweeps.length >= 2 ? this.#sweeps.at(-2)!.floor : "0";
    const found = await client.query<{ seq: string }>(
      `SELECT e.seq::text AS seq FROM access_event e
        WHERE e.seq > $1::bigint AND e.seq <= $2::bigint AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.seq = e.seq)
        ORDER BY e.seq LIMIT 10000`,
      [from, floor],
    );
    if (found.rows.length > 0) this.#opts.log(`found ${found.rows.length} committed event(s) below the floor without a leaf; sealing them now`);
    this.#gaps.add(found.rows.map((r) => r.seq));
    this.#sweeps.push({ at: Date.now(), floor });
    if (this.#sweeps.length > 2) this.#sweeps.shift();
  }

  /** Once per distinct cause: the alarm state, a log line naming the store, and an event in the log. */
  async #raiseAlarm(kind: SealerAlarm["kind"], reason: string): Promise<void> {
    if (this.stats.alarm?.reason === reason) return;
    this.stats.alarm = { kind, reason, since: new Date().toISOString() };
    this.#opts.log(`ALARM: sealing stopped: ${reason} (checkpoint store: ${this.#config.checkpointDir})`);
    await recordSealerAlarm(this.#opts.connectionString, { kind, reason }, this.#opts.log);
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.stats.leader = false;
    await client?.end().catch(() => {});
  }
}
