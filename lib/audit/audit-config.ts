import path from "node:path";
import { z } from "zod";
import { DEFAULT_KEY_NAME, type SigningKey, loadSigningKey } from "./signing-key";

// Where the access log's tamper evidence lives outside the database: the checkpoint directory
// and the signing key. Read here rather than through env() because the sealer and verifier
// CLIs run without the web app's secrets; lib/env.ts includes the same fields so a
// misconfigured server still fails at start-up.

const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

export const auditEnvSchema = z.object({
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
    .default(DEFAULT_KEY_NAME),
  /** Whether the web server runs the sealer (one sealer is elected whatever the count). */
  CUSTODY_SEALER: flag.default(true),
});

export interface AuditConfig {
  checkpointDir: string;
  signingKeyFile: string;
  signingKeyEnv: string | undefined;
  origin: string;
  sealerInServer: boolean;
}

export function auditConfig(vars: Record<string, string | undefined> = process.env): AuditConfig {
  const parsed = auditEnvSchema.safeParse(vars);
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
