import "server-only";
import { env } from "@/lib/env";

// The WebAuthn relying party: the origin a passkey is bound to and its host, the RP id. A
// browser signs over the origin it is on and the authenticator over the RP id's hash, so a
// look-alike site cannot obtain an assertion this server would accept (phishing resistance).

export type RelyingParty = { name: string; id: string; origin: string };

export function relyingParty(): RelyingParty {
  const e = env();
  const origin = new URL(e.CUSTODY_PASSKEY_ORIGIN ?? e.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`);
  return { name: "Custody", id: origin.hostname, origin: origin.origin };
}
