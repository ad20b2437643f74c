import { DENIAL_REASONS, type PolicyDecision } from "./reasons";

// Which second factor the step-up accepts (CUSTODY_STEP_UP, ADR 025). "passkey" makes the
// phishing-resistant factor mandatory for the content roles (every role that steps up); TOTP
// then only proves who is enrolling a passkey. "totp" switches passkeys off.

export const STEP_UP_METHODS = ["passkey", "totp", "either"] as const;
export type StepUpPolicy = (typeof STEP_UP_METHODS)[number];
export type StepUpMethod = Exclude<StepUpPolicy, "either">;

export function decideStepUpMethod(policy: StepUpPolicy, method: StepUpMethod): PolicyDecision {
  if (policy === "either" || policy === method) return { allow: true };
  const reason = method === "totp" ? "STEP_UP_PASSKEY_REQUIRED" : "STEP_UP_TOTP_REQUIRED";
  return { allow: false, reason, message: DENIAL_REASONS[reason] };
}

/** The methods the step-up page offers, given the policy and what this person has set up. */
export function offeredStepUpMethods(policy: StepUpPolicy, has: { totp: boolean; passkey: boolean }): StepUpMethod[] {
  const methods: StepUpMethod[] = [];
  if (policy !== "totp" && has.passkey) methods.push("passkey");
  if (policy !== "passkey") methods.push("totp");
  return methods;
}
