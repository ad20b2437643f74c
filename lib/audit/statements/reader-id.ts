import { createHmac, hkdfSync } from "node:crypto";

// The pseudonym a statement gives a reader (CJEU C-579/21: the holder is owed what was done,
// not the staff member's name). HMAC-SHA256 under a key derived from the server secret with a
// label of its own, so it shares nothing with the secret's other uses (sessions, IP hashing),
// over the account, the period and the staff id: one reader keeps one id throughout a statement
// and in a re-issue of it, but ids cannot be matched across accounts or periods to follow a
// staff member around. Truncated to 128 bits.

export const READER_ID_INFO = "custody-access-statement/v1 reader id";

export function readerIdKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "custody", READER_ID_INFO, 32));
}

export function readerId(key: Buffer, scope: { accountId: string; from: string; to: string }, staffId: string): string {
  return createHmac("sha256", key).update([scope.accountId, scope.from, scope.to, staffId].join("\n"), "utf8").digest("hex").slice(0, 32);
}
