import { z } from "zod";

// The access log's variables: where its tamper evidence lives outside the database (the
// checkpoint directory and the signing key), its name, whether the web server seals, and how
// far behind the sealer may fall before the server reports itself not ready.
// A leaf module with no domain imports, so lib/env.ts can include these fields (a misconfigured
// server fails at start-up) while the sealer and verifier CLIs, which run without the web
// app's secrets, parse them alone (lib/log/config.ts).

/** The log's name in checkpoints and the signing key's name, unless CUSTODY_LOG_ORIGIN says otherwise. */
export const DEFAULT_LOG_ORIGIN = "custody/access-log";

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

export const logEnvSchema = z.object({
  /** Where each checkpoint is written as a file (default <CUSTODY_DATA_DIR>/checkpoints). */
  CUSTODY_CHECKPOINT_DIR: z.string().min(1).optional(),
  /** The checkpoint signing key: PKCS#8 PEM or base64 of a 32-byte Ed25519 seed. */
  CUSTODY_SIGNING_KEY: z.string().optional(),
  /** The key file used when CUSTODY_SIGNING_KEY is unset, created (0600) on first use. */
  CUSTODY_SIGNING_KEY_FILE: z.string().min(1).optional(),
  /** The log's name in every checkpoint, e.g. custody.example.com/access-log. */
  CUSTODY_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, "must be one word without spaces or '+'")
    .default(DEFAULT_LOG_ORIGIN),
  /** Whether the web server runs the sealer (one sealer is elected whatever the count). */
  CUSTODY_SEALER: flag.default(true),
  /**
   * GET /api/ready fails when a committed event has waited longer than this to be sealed. The
   * sealer seals every 250 ms, so a minute means it has stopped (or cannot keep up).
   */
  CUSTODY_READY_MAX_SEALER_LAG_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * The witnesses the sealer asks to cosign each checkpoint (C2SP tlog-witness): entries
   * separated by `;` or newlines, each `label url vkey` (the witness's cosignature/v1 key).
   * Parsed and checked in lib/log/config.ts.
   */
  CUSTODY_WITNESSES: z.string().optional(),
  /** How many witness cosignatures make a checkpoint witnessed (default 1 when witnesses are set). */
  CUSTODY_WITNESS_QUORUM: z.coerce.number().int().min(1).optional(),
  /** Seconds a checkpoint may wait for a quorum before readiness degrades and an alarm is logged. */
  CUSTODY_WITNESS_MAX_LAG: z.coerce.number().int().min(1).default(300),
  /** Whether readiness fails (503) instead of warning while the log is unwitnessed past the lag. */
  CUSTODY_WITNESS_ENFORCE: flag.default(false),
  /** The deadline of one add-checkpoint call, in milliseconds. */
  CUSTODY_WITNESS_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3000),
  /**
   * How long PostgreSQL keeps a sealer's connection, and with it the sealer lock, once that
   * connection has gone quiet (idle_session_timeout and idle_in_transaction_session_timeout on
   * the sealer's own session; 0 leaves them off). A leader that is stopped (SIGSTOP, a frozen
   * VM) or cut off by a partition stops talking; after this many seconds PostgreSQL ends its
   * session and a standby takes over. A working leader speaks every 250 ms (ADR 026).
   */
  CUSTODY_SEALER_SESSION_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(3600).default(15),
});
