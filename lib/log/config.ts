import path from "node:path";
import { logEnvSchema } from "@/lib/config/log-settings";
import { type SigningKey, loadSigningKey } from "./checkpoints/signing-key";
import { type WitnessEndpoint, parseWitnessList } from "./witness/witness-client";

// The access log's settings (lib/config/log-settings.ts) resolved to paths, and its signing key
// loaded once per process. The sealer and verifier CLIs use this without the web app's env().

export interface AuditConfig {
  checkpointDir: string;
  signingKeyFile: string;
  signingKeyEnv: string | undefined;
  origin: string;
  sealerInServer: boolean;
  /** Readiness: the oldest unsealed event may be at most this old (seconds). */
  maxSealerLagSeconds: number;
  /** The witnesses asked to cosign checkpoints (empty: the log is not witnessed). */
  witnesses: WitnessEndpoint[];
  /** Cosignatures that make a checkpoint witnessed. */
  witnessQuorum: number;
  witnessMaxLagSeconds: number;
  witnessEnforce: boolean;
  witnessTimeoutMs: number;
  /** Seconds a quiet sealer connection (and its lock) lives on in PostgreSQL; 0: no limit. */
  sealerSessionTimeoutSeconds: number;
}

export function auditConfig(vars: Record<string, string | undefined> = process.env): AuditConfig {
  const parsed = logEnvSchema.safeParse(vars);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Custody's access-log settings are invalid:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  // Run-time locations, not files to bundle: the ignore comments keep Next's output tracing
  // from copying the whole data directory into the build.
  const dataDir = path.resolve(/* turbopackIgnore: true */ vars.CUSTODY_DATA_DIR || ".data");
  return {
    checkpointDir: path.resolve(/* turbopackIgnore: true */ e.CUSTODY_CHECKPOINT_DIR ?? path.join(dataDir, "checkpoints")),
    signingKeyFile: path.resolve(/* turbopackIgnore: true */ e.CUSTODY_SIGNING_KEY_FILE ?? path.join(dataDir, "keys", "checkpoint-signing-key.pem")),
    signingKeyEnv: e.CUSTODY_SIGNING_KEY,
    origin: e.CUSTODY_LOG_ORIGIN,
    sealerInServer: e.CUSTODY_SEALER,
    maxSealerLagSeconds: e.CUSTODY_READY_MAX_SEALER_LAG_SECONDS,
    ...witnessSettings(e),
    sealerSessionTimeoutSeconds: e.CUSTODY_SEALER_SESSION_TIMEOUT_SECONDS,
  };
}

function witnessSettings(e: ReturnType<typeof logEnvSchema.parse>) {
  let witnesses: WitnessEndpoint[];
  try {
    witnesses = parseWitnessList(e.CUSTODY_WITNESSES);
  } catch (error) {
    throw new Error(`Custody's access-log settings are invalid:\n  ${(error as Error).message}`);
  }
  const quorum = e.CUSTODY_WITNESS_QUORUM ?? Math.min(1, witnesses.length);
  if (quorum > witnesses.length) {
    throw new Error(`Custody's access-log settings are invalid:\n  CUSTODY_WITNESS_QUORUM is ${quorum} but only ${witnesses.length} witness(es) are configured`);
  }
  return {
    witnesses,
    witnessQuorum: quorum,
    witnessMaxLagSeconds: e.CUSTODY_WITNESS_MAX_LAG,
    witnessEnforce: e.CUSTODY_WITNESS_ENFORCE,
    witnessTimeoutMs: e.CUSTODY_WITNESS_TIMEOUT_MS,
  };
}

const keys = new Map<string, Promise<SigningKey>>();

/**
 * The checkpoint signing key named by the configuration, loaded once per process. The key's
 * name is the log's origin, as C2SP logs name their keys.
 */
export function checkpointSigningKey(config: AuditConfig = auditConfig()): Promise<SigningKey> {
  const id = `${config.origin}\n${config.signingKeyEnv ? "env" : config.signingKeyFile}`;
  let key = keys.get(id);
  if (!key) {
    key = loadSigningKey({ envValue: config.signingKeyEnv, file: config.signingKeyFile, keyName: config.origin });
    key.catch(() => keys.delete(id));
    keys.set(id, key);
  }
  return key;
}
