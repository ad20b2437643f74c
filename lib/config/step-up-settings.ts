import { z } from "zod";
import { STEP_UP_METHODS } from "@/lib/policy/step-up-method";

// The step-up's variables (ADR 025). A leaf module like outbox-settings.ts, spread into lib/env.ts.

export const stepUpEnvSchema = z.object({
  /** Which second factor the step-up accepts: a passkey, a TOTP code, or either (the default). */
  CUSTODY_STEP_UP: z.enum(STEP_UP_METHODS).default("either"),
  /**
   * The origin passkeys are bound to (the WebAuthn relying party: its host is the RP id).
   * Default NEXTAUTH_URL, else http://localhost:$PORT.
   */
  CUSTODY_PASSKEY_ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
});
