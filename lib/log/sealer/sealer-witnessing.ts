import pg from "pg";
import type { AuditConfig } from "../config";
import { eventInsert } from "../events/record-event";
import type { DetailsOf } from "../events/event-details";
import { WitnessClient, type WitnessStatus, witnessedState } from "../witness/witness-client";

// The sealer's witnessing: offering each new checkpoint to the configured witnesses and raising
// the witness-lag alarm. It runs beside sealing on a pool of its own, never on the sealing
// connection (whose transactions it must not join), and the seal loop never waits for it.

/** No checkpoint has reached the witness quorum for longer than the allowed lag. */
export interface WitnessAlarm {
  reason: string;
  since: string;
  witnessedSize: number;
  lagSeconds: number;
}

/** The part of the sealer's stats this module keeps up to date (readiness reads them). */
export interface WitnessStats {
  /** Each configured witness as this sealer last saw it (empty without witnesses). */
  witnesses: WitnessStatus[];
  witnessAlarm: WitnessAlarm | null;
}

export class SealerWitnessing {
  readonly #config: AuditConfig;
  readonly #stats: WitnessStats;
  readonly #log: (message: string) => void;
  readonly #pool: pg.Pool;
  readonly #client: WitnessClient;
  #latest: { size: number; note: string } | null = null;
  #lagCheck: { at: number; running: Promise<void> | null } = { at: 0, running: null };

  constructor(opts: { connectionString: string; config: AuditConfig; stats: WitnessStats; log: (message: string) => void }) {
    this.#config = opts.config;
    this.#stats = opts.stats;
    this.#log = opts.log;
    this.#pool = new pg.Pool({ connectionString: opts.connectionString, max: 2, application_name: "custody-witness-client" });
    this.#pool.on("error", () => {});
    this.#client = new WitnessClient({ witnesses: opts.config.witnesses, db: this.#pool, timeoutMs: opts.config.witnessTimeoutMs, log: opts.log });
    this.#stats.witnesses = this.#client.status;
  }

  /** The newest checkpoint this sealer signed: the next one to offer. */
  sealed(checkpoint: { size: number; note: string }): void {
    this.#latest = checkpoint;
  }

  /** Offers the newest checkpoint now and waits for the witnesses' answers (tests, --once). */
  async now(): Promise<void> {
    const r = await this.#pool.query<{ size: string; note: string }>("SELECT tree_size::text AS size, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1");
    const row = r.rows[0];
    if (row) this.#latest = { size: Number(row.size), note: row.note };
    await this.#client.idle();
    await this.#client.offer(this.#latest);
    this.#stats.witnesses = this.#client.status;
    await this.#checkLag();
  }

  /** Starts witnessing the newest checkpoint and, at most once a second, the lag check; waits for neither. */
  kick(): void {
    const offered = this.#latest ? this.#client.offer(this.#latest) : this.now();
    offered.catch(() => {}).finally(() => (this.#stats.witnesses = this.#client.status));
    if (!this.#lagCheck.running && Date.now() - this.#lagCheck.at >= 1000) {
      this.#lagCheck.at = Date.now();
      this.#lagCheck.running = this.#checkLag()
        .catch((error: unknown) => this.#log(`witness lag check failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.#lagCheck.running = null));
    }
  }

  async stop(): Promise<void> {
    await this.#client.idle();
    await this.#lagCheck.running;
    await this.#pool.end().catch(() => {});
  }

  /** Raises the witness alarm once when the newest quorum-cosigned checkpoint falls too far behind, and clears it. */
  async #checkLag(): Promise<void> {
    const { witnessedSize, lagSeconds } = await witnessedState(this.#pool, this.#client.keys, this.#config.witnessQuorum);
    const max = this.#config.witnessMaxLagSeconds;
    const status = this.#client.status;
    const stats = this.#stats;
    stats.witnesses = status;
    const summary = status.map((w) => ({ label: w.label, cosignedSize: w.cosignedSize, lastError: w.lastError?.slice(0, 300) ?? null }));
    const details = { witnessedSize, lagSeconds, maxLagSeconds: max, quorum: this.#config.witnessQuorum, witnesses: summary };
    if (lagSeconds > max && !stats.witnessAlarm) {
      const reason = `no checkpoint has reached the witness quorum of ${this.#config.witnessQuorum} for ${lagSeconds} s (limit ${max} s); the newest witnessed size is ${witnessedSize}`;
      // The event first, then the state readers poll: whoever sees the alarm finds it in the log.
      this.#log(`ALARM: ${reason}; witnesses: ${summary.map((w) => `${w.label}=${w.lastError ?? `ok at ${w.cosignedSize}`}`).join(", ")}`);
      await this.#insertEvent("FAILED", { state: "raised", ...details });
      stats.witnessAlarm = { reason, since: new Date().toISOString(), witnessedSize, lagSeconds };
    } else if (lagSeconds <= max && stats.witnessAlarm) {
      this.#log(`the witness alarm raised at ${stats.witnessAlarm.since} has cleared: size ${witnessedSize} is witnessed`);
      await this.#insertEvent("ALLOWED", { state: "cleared", ...details });
      stats.witnessAlarm = null;
    } else if (stats.witnessAlarm) {
      stats.witnessAlarm = { ...stats.witnessAlarm, witnessedSize, lagSeconds };
    }
  }

  async #insertEvent(outcome: "FAILED" | "ALLOWED", details: DetailsOf<"WITNESS_LAG_ALARM">): Promise<void> {
    const { columns, values, params } = eventInsert({ actor: null, action: "WITNESS_LAG_ALARM", outcome, details });
    try {
      await this.#pool.query(`INSERT INTO access_event (${columns}) VALUES (${values})`, params);
    } catch (error) {
      this.#log(`could not record the witness alarm in the access log: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
