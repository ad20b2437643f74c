import { AppError, BadRequestError, CaseNotFoundError, NotFoundError } from "@/lib/errors";
import { UUID_RE } from "@/lib/ids";
import { isSafeText, SAFE_TEXT_MESSAGE } from "@/lib/validation/safe-text";

// Path segments, as the wrapper reads them (Next has already percent-decoded them). Text no
// segment may hold is a 400; a segment that is not a well-formed id names nothing, so it gets
// the same answer as an id that names no record. Plain functions, not zod, because the
// content route parses one on every read: a regular-expression test allocates nothing.

export type RouteParam<T> = (raw: unknown, name: string) => T;

function text(raw: unknown, name: string): string {
  if (typeof raw !== "string") throw new BadRequestError(`${name}: expected one path segment`);
  if (!isSafeText(raw)) throw new BadRequestError(`${name}: ${SAFE_TEXT_MESSAGE}`);
  return raw;
}

/** Any safe text; the lib function decides what it names (the content route logs every miss). */
export const textParam: RouteParam<string> = text;

/** A record's UUID; anything else gets `notFound`, exactly like an unknown id. */
export function uuidParam(notFound: () => AppError): RouteParam<string> {
  return (raw, name) => {
    const s = text(raw, name);
    if (!UUID_RE.test(s)) throw notFound();
    return s;
  };
}

export const caseIdParam = uuidParam(() => new CaseNotFoundError());
export const grantIdParam = uuidParam(() => new NotFoundError("No such grant."));
/** A grant awaiting approval, as the approvals inbox calls it. */
export const requestIdParam = uuidParam(() => new NotFoundError("No such request."));
export const staffIdParam = uuidParam(() => new NotFoundError("No such staff member."));
export const decisionIdParam = uuidParam(() => new NotFoundError("No such decision."));

export const ruleIdParam = uuidParam(() => new NotFoundError("No such rule."));

/** A data region's name (US, EU); anything else names no region. */
export const regionParam: RouteParam<"US" | "EU"> = (raw, name) => {
  const s = text(raw, name);
  if (s !== "US" && s !== "EU") throw new NotFoundError("No such data region.");
  return s;
};

export const legalRequestIdParam = uuidParam(() => new NotFoundError("No such legal request."));
export const holdIdParam = uuidParam(() => new NotFoundError("No such hold."));
export const userNoticeIdParam = uuidParam(() => new NotFoundError("No such user-notice task."));
