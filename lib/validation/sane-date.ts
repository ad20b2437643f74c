import { z } from "zod";
import { safeText } from "./safe-text";

// Dates a caller sends, bounded to years PostgreSQL, ISO 8601 and people all read the same
// way. JavaScript accepts ±8.64e15 ms (years −271821 to 275760); PostgreSQL refuses such
// timestamps, so an unbounded date turned a typo into a 500.

export const EARLIEST_DATE = new Date("1970-01-01T00:00:00Z");
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z");

const RANGE = "expected a date between 1970 and 9999";

/** An ISO date string, epoch milliseconds or a Date (from lib callers), within 1970–9999. */
export const saneDate = z
  .union([safeText.max(40), z.number(), z.date()], { error: "expected a date (an ISO 8601 string)" })
  .pipe(z.coerce.date<string | number | Date>({ error: "expected a date (an ISO 8601 string)" }).min(EARLIEST_DATE, RANGE).max(LATEST_DATE, RANGE));
