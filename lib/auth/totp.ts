import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import { getKeyProvider } from "@/lib/crypto/keys";

// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) through otplib. Secrets are stored sealed by the
// key-encryption key, bound to the staff member, so a database dump alone yields no second
// factor. Each accepted code's time step is remembered and never accepted again (replay).

const ISSUER = "Custody";
/** One time step either side, for clock drift between server and phone. */
const TOLERANCE_SECONDS = 30;

function aad(staffId: string) {
  return `custody/totp-secret/v1|${staffId}`;
}

export async function sealTotpSecret(staffId: string, secret: string): Promise<string> {
  const { wrapped, kekId } = await (await getKeyProvider()).wrap(Buffer.from(secret, "utf8"), aad(staffId));
  return `v1:${kekId}:${wrapped.toString("base64")}`;
}

export async function openTotpSecret(staffId: string, sealed: string): Promise<string> {
  const [version, kekId, b64] = sealed.split(":");
  if (version !== "v1" || !kekId || !b64) throw new Error("unreadable TOTP secret");
  return (await (await getKeyProvider()).unwrap(Buffer.from(b64, "base64"), kekId, aad(staffId))).toString("utf8");
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; reason: "TOTP_INVALID" | "TOTP_REUSED" };

export async function checkTotp(secret: string, code: string, lastStep: number | null, now = new Date()): Promise<TotpCheck> {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "TOTP_INVALID" };
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token: code, epoch, epochTolerance: TOLERANCE_SECONDS });
  // otplib's result type also covers HOTP, whose results carry no time step.
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "TOTP_INVALID" };
  if (lastStep !== null && result.timeStep <= lastStep) return { ok: false, reason: "TOTP_REUSED" };
  return { ok: true, timeStep: result.timeStep };
}
