import "server-only";
import { probeKeyProvider } from "@/lib/crypto/keys";
import { auditConfig } from "@/lib/log/config";
import { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import { checkpointStoreStatus } from "@/lib/log/checkpoints/store-status";
import type { Queryable } from "@/lib/log/events/event-rows";
import { auditPool } from "@/lib/log/pool";
import type { SealerAlarm } from "@/lib/log/sealer/sealer";
import { sealerLag } from "@/lib/log/sealer/sealer-lag";
import { serverSealer } from "@/lib/log/sealer/server-sealer";
import type { CosignerKey } from "@/lib/log/witness/cosignature";
import { type WitnessStatus, witnessedState } from "@/lib/log/witness/witness-client";

// Readiness (GET /api/ready), beside liveness (/api/health): can this instance do its job —
// log before it reveals, and keep the log sealed and its evidence outside the database? Each
// check says what fails in words an operator can act on, without paths, URLs or key material
// (the route is public); the detail goes to the server's log. Checks run side by side, each
// with a deadline, so a hung database makes the answer "not ready", not a hung probe.

export type Check = { ok: boolean; problem?: string };

export interface Readiness {
  ready: boolean;
  checks: {
    database: Check;
    sealer: Check & { lagSeconds: number | null; maxLagSeconds: number; unsealedEvents: number | null; alarm: SealerAlarm | null };
    checkpointStore: Check & { present: boolean; writable: boolean; holdsLatest: boolean | null };
    keyProvider: Check;
    witnesses: WitnessCheck;
  };
  /** Ready, but something an operator should look at (an unwitnessed log without the enforce switch). */
  degraded: boolean;
}

export type WitnessCheck = Check & {
  configured: number;
  quorum: number;
  enforce: boolean;
  maxLagSeconds: number;
  witnessedSize: number | null;
  lagSeconds: number | null;
  /** Lagging past the limit without CUSTODY_WITNESS_ENFORCE: ready, but degraded. */
  warning?: string;
  /** As this process's sealer last saw each witness (empty where another process seals). */
  witnesses: { label: string; cosignedSize: number | null; lastError: string | null }[];
};

export interface WitnessDeps {
  keys: CosignerKey[];
  quorum: number;
  maxLagSeconds: number;
  enforce: boolean;
  status: () => WitnessStatus[];
}

export interface ReadinessDeps {
  db: Queryable;
  directory: CheckpointDirectory;
  maxLagSeconds: number;
  /** A checkpoint younger than this may not have its file yet (see store-status.ts). */
  storeGraceSeconds: number;
  alarm: () => SealerAlarm | null;
  probeKeys: () => Promise<void>;
  timeoutMs: number;
  witnesses?: WitnessDeps;
}

export function readinessDeps(): ReadinessDeps {
  const config = auditConfig();
  return {
    db: auditPool(),
    directory: new CheckpointDirectory(config.checkpointDir),
    maxLagSeconds: config.maxSealerLagSeconds,
    storeGraceSeconds: 10,
    alarm: () => serverSealer()?.stats.alarm ?? null,
    probeKeys: probeKeyProvider,
    timeoutMs: 3000,
    witnesses: {
      keys: config.witnesses.map((w) => w.key),
      quorum: config.witnessQuorum,
      maxLagSeconds: config.witnessMaxLagSeconds,
      enforce: config.witnessEnforce,
      status: () => serverSealer()?.stats.witnesses ?? [],
    },
  };
}

export async function checkReadiness(deps: ReadinessDeps = readinessDeps()): Promise<Readiness> {
  const guard = <T>(work: Promise<T>) => withDeadline(work, deps.timeoutMs);
  const w = deps.witnesses;
  const [database, lag, store, keys, witnessed] = await Promise.allSettled([
    guard(deps.db.query("SELECT 1")),
    guard(sealerLag(deps.db)),
    guard(checkpointStoreStatus(deps.db, deps.directory, { graceSeconds: deps.storeGraceSeconds })),
    guard(deps.probeKeys()),
    w && w.keys.length > 0 ? guard(witnessedState(deps.db, w.keys, w.quorum)) : Promise.resolve(null),
  ]);

  const alarm = deps.alarm();
  const lagOk = lag.status === "fulfilled" && lag.value.lagSeconds <= deps.maxLagSeconds;
  const sealerProblem =
    alarm?.reason ??
    (lag.status === "rejected"
      ? "the sealer's lag could not be read from the database"
      : lagOk
        ? undefined
        : `the oldest unsealed event has waited ${lag.value.lagSeconds} s, more than ${deps.maxLagSeconds} s: is a sealer running?`);
  const checks: Readiness["checks"] = {
    database: database.status === "fulfilled" ? { ok: true } : { ok: false, problem: "the database cannot be reached" },
    sealer: {
      ok: sealerProblem === undefined,
      lagSeconds: lag.status === "fulfilled" ? lag.value.lagSeconds : null,
      maxLagSeconds: deps.maxLagSeconds,
      unsealedEvents: lag.status === "fulfilled" ? lag.value.unsealedEvents : null,
      alarm,
      ...(sealerProblem ? { problem: sealerProblem } : {}),
    },
    checkpointStore:
      store.status === "fulfilled"
        ? { ok: store.value.problem === undefined, ...store.value }
        : { ok: false, present: false, writable: false, holdsLatest: null, problem: "the checkpoint store could not be checked against the database" },
    keyProvider: keys.status === "fulfilled" ? { ok: true } : { ok: false, problem: "the key-encryption key cannot be loaded or used" },
    witnesses: witnessCheck(w, witnessed),
  };
  for (const [name, result] of [["database", database], ["sealer", lag], ["checkpoint store", store], ["key provider", keys]] as const) {
    if (result.status === "rejected") console.error(`[ready] ${name}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
  }
  if (checks.witnesses.warning) console.warn(`[ready] witnesses: ${checks.witnesses.warning}`);
  return { ready: Object.values(checks).every((c) => c.ok), checks, degraded: checks.witnesses.warning !== undefined };
}

function witnessCheck(w: WitnessDeps | undefined, witnessed: PromiseSettledResult<{ witnessedSize: number; lagSeconds: number } | null>): WitnessCheck {
  const base = {
    configured: w?.keys.length ?? 0,
    quorum: w?.quorum ?? 0,
    enforce: w?.enforce ?? false,
    maxLagSeconds: w?.maxLagSeconds ?? 0,
    witnesses: (w?.status() ?? []).map((s) => ({ label: s.label, cosignedSize: s.cosignedSize, lastError: s.lastError })),
  };
  if (!w || w.keys.length === 0) return { ok: true, ...base, witnessedSize: null, lagSeconds: null };
  if (witnessed.status === "rejected" || witnessed.value === null) {
    const problem = "the witnessed size could not be read from the database";
    return { ...base, witnessedSize: null, lagSeconds: null, ...(w.enforce ? { ok: false, problem } : { ok: true, warning: problem }) };
  }
  const { witnessedSize, lagSeconds } = witnessed.value;
  if (lagSeconds <= w.maxLagSeconds) return { ok: true, ...base, witnessedSize, lagSeconds };
  const problem = `no checkpoint has reached the witness quorum of ${w.quorum} for ${lagSeconds} s, more than ${w.maxLagSeconds} s (newest witnessed size ${witnessedSize})`;
  return { ...base, witnessedSize, lagSeconds, ...(w.enforce ? { ok: false, problem } : { ok: true, warning: problem }) };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
