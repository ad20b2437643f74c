import { MINUTE, STEP_UP_MINUTES } from "@/lib/policy/limits";

// When the provider's own multi-factor sign-in counts as Custody's step-up (issue 12 §1): only
// if the ID token says a second factor was used — `amr` naming "mfa" or "hwk" (RFC 8176), or
// a multi-factor `acr` — and its `auth_time` lies inside the step-up window. The session's
// step-up time is then the provider's auth_time, never the moment of the callback, so the
// window runs from when the person actually authenticated. Anything else: Custody's own
// step-up applies as before.

const MFA_AMR = new Set(["mfa", "hwk"]);
const MFA_ACR = new Set(["http://schemas.openid.net/pape/policies/2007/06/multi-factor", "phr", "phrh", "urn:custody:mfa"]);
/** A provider's clock may run this far ahead of ours. */
const CLOCK_SKEW_MS = 30_000;

export type MfaClaims = { amr?: unknown; acr?: unknown; auth_time?: unknown };

export function idpStepUpAt(claims: MfaClaims, now: Date): Date | null {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === "string") : [];
  const multiFactor = amr.some((v) => MFA_AMR.has(v)) || (typeof claims.acr === "string" && MFA_ACR.has(claims.acr));
  if (!multiFactor || typeof claims.auth_time !== "number" || !Number.isFinite(claims.auth_time)) return null;
  const at = claims.auth_time * 1000;
  if (at > now.getTime() + CLOCK_SKEW_MS) return null;
  if (now.getTime() - at >= STEP_UP_MINUTES * MINUTE) return null;
  return new Date(Math.min(at, now.getTime()));
}
