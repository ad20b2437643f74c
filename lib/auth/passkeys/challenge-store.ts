import "server-only";
import { getDb } from "@/lib/db";

// WebAuthn challenges, kept on the server (passkey_challenge): one per session and ceremony,
// valid 120 s, and deleted by the request that uses it, whatever the outcome, so a challenge
// is good for one attempt only. Bound to the session, so an assertion made over another
// member's (or another session's) challenge finds nothing to match.

export type Ceremony = "registration" | "authentication";

export const CHALLENGE_SECONDS = 120;

/** Keeps the challenge just offered for this session's ceremony (the library's random 32 bytes), replacing any outstanding one. */
export async function storeChallenge(sessionId: string, ceremony: Ceremony, challenge: string, now = new Date()): Promise<void> {
  const expiresAt = new Date(now.getTime() + CHALLENGE_SECONDS * 1000);
  await getDb().passkeyChallenge.upsert({
    where: { sessionId_ceremony: { sessionId, ceremony } },
    create: { sessionId, ceremony, challenge, expiresAt },
    update: { challenge, expiresAt },
  });
}

/** Takes (deletes) this session's challenge for the ceremony; null if there is none or it has expired. */
export async function takeChallenge(sessionId: string, ceremony: Ceremony, now = new Date()): Promise<string | null> {
  // One statement, so two requests racing for the same challenge cannot both get it.
  const rows = await getDb().$queryRaw<{ challenge: string; expiresAt: Date }[]>`
    DELETE FROM passkey_challenge WHERE session_id = ${sessionId}::uuid AND ceremony = ${ceremony}
    RETURNING challenge, expires_at AS "expiresAt"`;
  const row = rows[0];
  return row && row.expiresAt.getTime() > now.getTime() ? row.challenge : null;
}
