// Whether an error means the database could not be reached or dropped the connection, as
// opposed to a bug. Such errors answer 503 (try again), never a 500, and never with content.
// They arrive in three wrappings: pg's own (a socket error, an SQLSTATE, a pool message),
// Prisma's (P1001…), and Prisma's driver-adapter error whose `cause.kind` names the failure.

const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// P1001 can't reach, P1002 timed out, P1008 operation timed out, P1017 connection closed, P2024 pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections", "TlsConnectionError"]);
// Class 08 connection exceptions; 57P01–03 shutting down or starting up; 53300 too many connections.
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const POOL_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function causes(err: unknown, depth = 0): unknown[] {
  if (depth > 4 || typeof err !== "object" || err === null) return [];
  const e = err as { cause?: unknown; errors?: unknown; meta?: { driverAdapterError?: unknown } };
  const nested = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return [err, ...nested.flatMap((n) => causes(n, depth + 1))];
}

function unreachable(one: unknown): boolean {
  const e = one as { code?: unknown; kind?: unknown; message?: unknown };
  if (typeof e.code === "string" && (SOCKET_CODES.has(e.code) || PRISMA_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  return typeof e.message === "string" && POOL_MESSAGES.test(e.message);
}

export function isDatabaseUnavailable(err: unknown): boolean {
  return causes(err).some(unreachable);
}
