import { HOUR, MINUTE, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS } from "./limits";
import { deny, type PolicyDecision } from "./reasons";

// Sessions end after SESSION_IDLE_MINUTES idle and after SESSION_MAX_HOURS at most. The times live in the
// staff_session table on the server; the cookie only names the session.

export type SessionFacts = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null };

export function decideSession(session: SessionFacts, now: Date): PolicyDecision {
  if (session.endedAt) return deny("SESSION_ENDED");
  if (now.getTime() - session.createdAt.getTime() >= SESSION_MAX_HOURS * HOUR) return deny("SESSION_MAX_AGE");
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MINUTES * MINUTE) return deny("SESSION_IDLE");
  return { allow: true };
}
