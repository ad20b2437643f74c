import { DENIAL_REASONS } from "@/lib/policy/reasons";

// Errors that lib functions throw for expected refusals. Route handlers map them to HTTP
// with a clear message; anything else is a 500 and a bug.

/** Which item of a batch, and which field, a refusal is about (the intake's errors name both). */
export type ErrorWhere = { item?: number; field?: string };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly where?: ErrorWhere,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in to continue.") {
    super(401, "UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string) {
    super(403, code, message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = "Not found.") {
    super(404, "NOT_FOUND", message);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, where?: ErrorWhere) {
    super(409, code, message, where);
  }
}

/** Content that existed and was destroyed on purpose (crypto-shredded at retention expiry). */
export class GoneError extends AppError {
  constructor(code: string, message: string) {
    super(410, code, message);
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, code = "BAD_REQUEST", where?: ErrorWhere) {
    super(400, code, message, where);
  }
}

/** The access log could not be written: fail closed, reveal nothing. */
export class LogUnavailableError extends AppError {
  constructor() {
    super(503, "LOG_UNAVAILABLE", "The access log could not be written, so nothing is shown. Try again shortly.");
  }
}

/** The database cannot be reached: a clear "try again", not a 500. */
export class DatabaseUnavailableError extends AppError {
  constructor() {
    super(503, "DATABASE_UNAVAILABLE", "The database cannot be reached right now. Try again shortly.");
  }
}

/**
 * A case that does not exist, or that is not the caller's to reach: the two answer alike, so
 * a refusal cannot confirm that a guessed id is real (the access log keeps the true reason).
 */
export class CaseNotFoundError extends AppError {
  constructor() {
    super(404, "CASE_NOT_FOUND", DENIAL_REASONS.CASE_NOT_FOUND);
  }
}
