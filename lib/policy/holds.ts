import { DAY_MS, NCMEC_HOLD_DAYS, PRESERVATION_HOLD_DAYS, PRESERVATION_MAX_RENEWALS } from "./limits";
import { deny, type PolicyDecision } from "./reasons";

// Preservation holds: how long each kind lasts, how often it may be renewed. A hold keeps the
// retention sweep away from the held accounts' conversations; it never grants access.

export const HOLD_KINDS = ["PRESERVATION", "NCMEC_REPORT"] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const HOLD_RULES: Record<HoldKind, { days: number; renewals: number; basis: string }> = {
  PRESERVATION: { days: PRESERVATION_HOLD_DAYS, renewals: PRESERVATION_MAX_RENEWALS, basis: "18 U.S.C. 2703(f): 90 days, renewable once for another 90" },
  NCMEC_REPORT: { days: NCMEC_HOLD_DAYS, renewals: 0, basis: "18 U.S.C. 2258A(h) as amended in 2024: one year after a CyberTipline report" },
};

export function holdExpiry(kind: HoldKind, from: Date): Date {
  return new Date(from.getTime() + HOLD_RULES[kind].days * DAY_MS);
}

export type HoldFacts = { kind: HoldKind; expiresAt: Date; renewals: number; releasedAt: Date | null };

export function holdActive(h: Pick<HoldFacts, "expiresAt" | "releasedAt">, now: Date): boolean {
  return h.releasedAt === null && h.expiresAt.getTime() > now.getTime();
}

/** A renewal extends an active hold by its period, counted from its current expiry. */
export function decideRenewal(h: HoldFacts, now: Date): PolicyDecision<{ expiresAt: Date }> {
  if (!holdActive(h, now)) return deny("HOLD_NOT_ACTIVE");
  if (h.renewals >= HOLD_RULES[h.kind].renewals) return deny("HOLD_NO_RENEWAL");
  return { allow: true, expiresAt: holdExpiry(h.kind, h.expiresAt) };
}

/**
 * A hold may be released only once its first period has run (the minimum the law asks:
 * 90 days for 2703(f), a year for 2258A); a release then ends a renewal early.
 */
export function decideRelease(h: HoldFacts & { placedAt: Date }, now: Date): PolicyDecision {
  if (h.releasedAt !== null) return deny("HOLD_NOT_ACTIVE");
  const minimum = holdExpiry(h.kind, h.placedAt);
  if (now.getTime() < minimum.getTime()) return deny("HOLD_MINIMUM", `It may be released from ${minimum.toISOString().slice(0, 10)}.`);
  return { allow: true };
}
