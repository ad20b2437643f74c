import { BadRequestError } from "@/lib/errors";

// A statement's period: whole UTC days, `from` and `to` both included, at most a year. Days
// rather than instants keep the signed text and the reader ids the same for everyone who asks
// about the same period, and match how an Art. 15 request is phrased ("from March to May").

export const MAX_STATEMENT_DAYS = 366;
const DAY_MS = 86_400_000;

export interface StatementPeriod {
  from: string;
  to: string;
  /** The first instant of `from`. */
  start: Date;
  /** The first instant after `to`. */
  end: Date;
}

function day(text: string, name: "from" | "to"): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00.000Z`) : null;
  if (!d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw new BadRequestError(`"${name}" must be a calendar date written YYYY-MM-DD.`, "BAD_PERIOD", { field: name });
  }
  return d;
}

export function statementPeriod(from: string, to: string): StatementPeriod {
  const start = day(from, "from");
  const last = day(to, "to");
  if (last < start) throw new BadRequestError(`"to" (${to}) is before "from" (${from}).`, "BAD_PERIOD", { field: "to" });
  const days = (last.getTime() - start.getTime()) / DAY_MS + 1;
  if (days > MAX_STATEMENT_DAYS) throw new BadRequestError(`A statement covers at most ${MAX_STATEMENT_DAYS} days; this period has ${days}.`, "BAD_PERIOD", { field: "to" });
  return { from, to, start, end: new Date(last.getTime() + DAY_MS) };
}
