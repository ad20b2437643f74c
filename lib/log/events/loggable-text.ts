import { isSafeText } from "@/lib/validation/safe-text";

// What a caller sent can end up in an event (a requested id in `details`, a justification, a
// user agent). PostgreSQL cannot store U+0000 in text or jsonb, nor a lone surrogate in jsonb,
// so such a value would fail the insert and with it the event: the refusal would leave no
// trace. Inputs are refused at the boundary; this is the writer's own guarantee that an event
// is never lost to what it records. U+0000 is written as the six characters `\u0000`, and a
// lone surrogate as U+FFFD, so an auditor still sees that something odd was sent.

export function loggableText(s: string): string {
  return isSafeText(s) ? s : s.replaceAll("\0", "\\u0000").toWellFormed();
}

/** The same, through every string (and key) of a details object. */
export function loggableDetails(value: unknown): unknown {
  if (typeof value === "string") return loggableText(value);
  if (Array.isArray(value)) return value.map(loggableDetails);
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [loggableText(k), loggableDetails(v)]));
  }
  return value;
}
