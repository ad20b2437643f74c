import { z } from "zod";

// Text that PostgreSQL and every reader of the access log can hold as sent. U+0000 cannot be
// stored in a text or jsonb column (the insert fails, and with it the event that records the
// request), and an unpaired UTF-16 surrogate is silently replaced on the way to UTF-8, so what
// was stored would not be what was sent. Every string that crosses a boundary (HTTP path,
// query and body; platform intake) is refused with a 400 if it holds either.

export const SAFE_TEXT_MESSAGE = "must not contain U+0000 (NUL) or an unpaired surrogate";

/** No U+0000 and no lone surrogate: a string PostgreSQL stores exactly as given. */
export function isSafeText(s: string): boolean {
  return !s.includes("\0") && s.isWellFormed();
}

/** The one string schema every input schema starts from. */
export const safeText = z.string().refine(isSafeText, SAFE_TEXT_MESSAGE);
