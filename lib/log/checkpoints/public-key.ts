import "server-only";
import { auditConfig, checkpointSigningKey } from "../config";

/** The verifier key of the checkpoint signing key, in C2SP note form; safe to publish. */
export async function auditPublicKey(): Promise<string> {
  return (await checkpointSigningKey(auditConfig())).verifierKey;
}
