import { Counter, Gauge, Histogram, register } from "prom-client";

// The server's Prometheus metrics (prom-client's default registry). Counters and histograms
// count what this process served; serve.mjs's primary sums them across its workers
// (AggregatorRegistry). Gauges read from PostgreSQL (backlog, lag) say the same thing in every
// worker, so they aggregate by "max", not by sum. prom-client is a server-external package
// (next.config.ts), so Next.js's bundle and serve.mjs share this one registry in each process;
// the metrics are kept on globalThis all the same, since this module may be evaluated twice.

function define() {
  return {
    requests: new Counter({ name: "custody_http_requests_total", help: "API requests by operation id and status", labelNames: ["operation", "status"] as const }),
    duration: new Histogram({
      name: "custody_http_request_duration_seconds",
      help: "API request latency by operation id",
      labelNames: ["operation"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
    contentReads: new Counter({ name: "custody_content_reads_total", help: "Content reads by outcome and denial reason", labelNames: ["outcome", "reason"] as const }),
    logUnavailable: new Counter({ name: "custody_log_unavailable_total", help: "Responses 503 LOG_UNAVAILABLE: nothing shown because the access event could not be written" }),
  };
}

type Metrics = ReturnType<typeof define>;
const g = globalThis as unknown as { custodyMetrics?: Metrics; custodyDbGauges?: boolean };

export function metrics(): Metrics {
  return (g.custodyMetrics ??= define());
}

/** Records one API request: its operation id (lib/policy/operations.ts), status and duration. */
export function observeRequest(operation: string, status: number, startedAt: number) {
  const m = metrics();
  m.requests.inc({ operation, status: String(status) });
  m.duration.observe({ operation }, (performance.now() - startedAt) / 1000);
}

export type DatabaseGauges = {
  /** Unsealed events and the oldest one's wait. */
  sealerLag: () => Promise<{ unsealedEvents: number; lagSeconds: number }>;
  /** Outbound deliveries per status, with the oldest undelivered one's age. */
  outbox: () => Promise<{ byStatus: Record<string, number>; oldestUndeliveredSeconds: number; failedAttempts: number }>;
  /** Jobs waiting in the job runner's queue. */
  jobQueue: () => Promise<number>;
  /** Intake items counted per route and outcome (persisted, so totals survive restarts). */
  intake: () => Promise<Record<string, Record<string, number>>>;
};

/** The gauges read from the database at each scrape; registered once per process. */
export function registerDatabaseGauges(read: DatabaseGauges) {
  if (g.custodyDbGauges) return;
  g.custodyDbGauges = true;
  const gauge = (name: string, help: string, labelNames: string[], collect: (this: Gauge) => Promise<void>) =>
    new Gauge({ name, help, labelNames, aggregator: "max", collect });
  const quietly = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      console.error(`metrics: ${what} could not be read: ${err instanceof Error ? err.message : err}`);
    }
  };
  const unsealed = new Gauge({ name: "custody_log_unsealed_events", help: "Committed access events without a Merkle leaf yet", aggregator: "max" });
  gauge("custody_log_seal_lag_seconds", "How long the oldest unsealed access event has waited", [], async function () {
    await quietly("sealer lag", async () => {
      const lag = await read.sealerLag();
      this.set(lag.lagSeconds);
      unsealed.set(lag.unsealedEvents);
    });
  });
  const oldest = new Gauge({ name: "custody_outbox_oldest_undelivered_seconds", help: "Age of the oldest decision not yet delivered to the platform", aggregator: "max" });
  const failed = new Gauge({ name: "custody_outbox_failed_attempts", help: "Failed delivery attempts of decisions not yet delivered", aggregator: "max" });
  gauge("custody_outbox_deliveries", "Outbound deliveries by status (the outbox's depth is QUEUED + FAILING)", ["status"], async function () {
    await quietly("the outbox", async () => {
      const o = await read.outbox();
      this.reset();
      for (const [status, n] of Object.entries(o.byStatus)) this.set({ status }, n);
      oldest.set(o.oldestUndeliveredSeconds);
      failed.set(o.failedAttempts);
    });
  });
  gauge("custody_job_queue_depth", "Jobs waiting in the job runner's queue", [], async function () {
    await quietly("the job queue", async () => this.set(await read.jobQueue()));
  });
  gauge("custody_intake_items", "Signed intake items by route and outcome (accepted, duplicate, refused), since the database was created", ["route", "outcome"], async function () {
    await quietly("the intake counters", async () => {
      for (const [route, outcomes] of Object.entries(await read.intake())) for (const [outcome, n] of Object.entries(outcomes)) this.set({ route, outcome }, n);
    });
  });
}

/**
 * custody_log_sealer_leader: 1 while this process holds the sealer lock, else 0. Summed over a
 * node's workers, so each node reports 0 or 1 and the sum over all nodes should be exactly 1
 * (0 for long means nobody seals; ADR 026). Registered once per process.
 */
export function registerSealerLeaderGauge(isLeader: () => boolean) {
  const gg = globalThis as unknown as { custodyLeaderGauge?: boolean };
  if (gg.custodyLeaderGauge) return;
  gg.custodyLeaderGauge = true;
  new Gauge({
    name: "custody_log_sealer_leader",
    help: "1 while this server holds the sealer's advisory lock (exactly one server should), else 0",
    aggregator: "sum",
    collect() {
      this.set(isLeader() ? 1 : 0);
    },
  });
}

export { register };
