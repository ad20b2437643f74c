import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { IntakeVerifier, parseIntakeSecrets } from "./signature";

// The verifier for this process's CUSTODY_INTAKE_SECRET, built once. Without a secret the
// intake is switched off: every intake route answers 503 INTAKE_DISABLED, since no request
// could be verified (an operator's setting, not the caller's fault).

let cached: { raw: string; verifier: IntakeVerifier } | undefined;

export function intakeVerifier(): IntakeVerifier {
  const raw = env().CUSTODY_INTAKE_SECRET?.trim();
  if (!raw) throw new AppError(503, "INTAKE_DISABLED", "The platform intake is not configured on this server (CUSTODY_INTAKE_SECRET).");
  if (cached?.raw !== raw) cached = { raw, verifier: new IntakeVerifier(parseIntakeSecrets(raw)) };
  return cached.verifier;
}
