import { randomUUID } from "node:crypto";

/**
 * RFC 9562 UUIDv7: time-ordered, so new rows land at the end of their index. The random bits
 * come from a v4 UUID (Node draws those from a cached pool of entropy, far cheaper than a
 * randomBytes call per id): its first 48 bits give way to the timestamp, its version nibble
 * becomes 7, and its variant bits are already RFC 9562's.
 */
export function uuidv7(now = Date.now()): string {
  const r = randomUUID();
  const t = now.toString(16).padStart(12, "0");
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(15)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
