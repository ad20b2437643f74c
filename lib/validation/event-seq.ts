import { safeText } from "./safe-text";

// An access-log sequence number as text (a bigint column). Nineteen digits can exceed int8's
// 9223372036854775807, which PostgreSQL refuses with an error, so the bound is the column's.
const INT8_MAX = 9223372036854775807n;

export function isEventSeqText(s: string): boolean {
  return /^\d{1,19}$/.test(s) && BigInt(s) <= INT8_MAX;
}

export function eventSeqText(message = "expected a sequence number") {
  return safeText.refine(isEventSeqText, message);
}
