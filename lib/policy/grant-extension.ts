import { stepUpIsFresh } from "./content-access";
import { decideConversationAccess } from "./conversation-access";
import type { CaseFacts, GrantFacts, StaffFacts } from "./facts";
import { EXTENSION_MINUTES, MAX_GRANT_MINUTES, MIN_JUSTIFICATION, MINUTE } from "./limits";
import { deny, type PolicyDecision } from "./reasons";

// "Extend" is a justified, logged step like widening (ADR 030): only the holder's own live
// grant, a fresh justification, a fresh step-up (it keeps plaintext reachable for longer), and
// never past MAX_GRANT_MINUTES counted from when the grant started (approval, or creation when
// none was needed). Extending does not widen the scope, so it needs no second person: whoever
// approved the grant approved its scope, and the cap bounds how long that approval lasts.

export type ExtensionFacts = GrantFacts & { startedAt: Date };

export function decideGrantExtension(input: {
  staff: StaffFacts;
  kase: CaseFacts;
  grant: ExtensionFacts | null;
  justification: string;
  stepUpAt: Date | null;
  now: Date;
}): PolicyDecision<{ expiresAt: Date; addedMinutes: number }> {
  const { staff, kase, grant: g, now } = input;
  const base = decideConversationAccess(staff, kase, "grant:expand");
  if (!base.allow) return base;
  if (!g || g.staffId !== staff.id || g.status === "REJECTED") return deny("NO_GRANT");
  if (g.status === "PENDING") return deny("GRANT_PENDING");
  if (g.status === "ENDED") return deny("GRANT_ENDED");
  if (g.expiresAt <= now) return deny("GRANT_EXPIRED");
  if (input.justification.trim().length < MIN_JUSTIFICATION) return deny("JUSTIFICATION_TOO_SHORT");
  if (!stepUpIsFresh(input.stepUpAt, now)) return deny("STEP_UP_REQUIRED");
  const cap = g.startedAt.getTime() + MAX_GRANT_MINUTES * MINUTE;
  const wanted = g.expiresAt.getTime() + EXTENSION_MINUTES * MINUTE;
  const expiresAt = Math.min(wanted, cap);
  // A step that would add less than a minute is refused rather than granted as a sliver.
  if (expiresAt - g.expiresAt.getTime() < MINUTE) return deny("EXTENSION_CAP");
  return { allow: true, expiresAt: new Date(expiresAt), addedMinutes: Math.round((expiresAt - g.expiresAt.getTime()) / MINUTE) };
}
