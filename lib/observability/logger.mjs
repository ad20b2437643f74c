// The server's log: pino JSON lines on standard output, one object per line, with the request id
// (reqId) on every line written while a request is handled. Two guards keep secrets and message
// text out: pino's redaction of fields that may carry them, and a last pass over every finished
// line that replaces the configured secrets' values (read from the environment at start-up)
// wherever they appear, so even a stray stack trace or a library's message cannot print them.
// DM plaintext is never handed to the logger (lib/access is the only path to it, and it logs
// ids); the e2e spec e2e/operations.spec.ts greps a real server's output for seeded phrases.
import { format } from "node:util";
import pino from "pino";
import { currentRequestId } from "./request-context.mjs";

/** Variables whose values must never appear in a log line (URLs: their password only). */
export const SECRET_VARIABLES = [
  "NEXTAUTH_SECRET",
  "CUSTODY_KEK",
  "CUSTODY_INTAKE_SECRET",
  "CUSTODY_PLATFORM_WEBHOOK_SECRET",
  "CUSTODY_SIGNING_KEY",
  "CUSTODY_METRICS_TOKEN",
  "CUSTODY_PEER_TOKEN",
  "CUSTODY_OIDC_CLIENT_SECRET",
  "DATABASE_URL",
  "MIGRATION_DATABASE_URL",
];

/** Fields pino blanks wherever they appear at these depths. */
export const REDACTED_PATHS = [
  "password", "secret", "token", "authorization", "cookie", "text", "body", "plaintext",
  "*.password", "*.secret", "*.token", "*.authorization", "*.cookie", "*.text", "*.body", "*.plaintext",
  "req.headers.authorization", "req.headers.cookie", "req.headers[\"x-custody-peer\"]",
];

/** The secret strings to scrub from output, longest first (each also as JSON would escape it). */
export function secretsIn(env) {
  const out = new Set();
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (!value) continue;
    if (name.endsWith("_URL")) {
      try {
        const url = new URL(value);
        if (url.password) out.add(url.password).add(decodeURIComponent(url.password));
      } catch {
        // not a URL: lib/env.ts refuses it at start-up
      }
      continue;
    }
    out.add(value);
    for (const part of value.split(/[\s,]+/)) out.add(part).add(part.replace(/^whsec_/, ""));
  }
  const all = [...out].flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]);
  return [...new Set(all)].filter((s) => s.length >= 8).sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of the secrets in a line. */
export function scrubber(secrets) {
  return (line) => {
    let s = line;
    for (const secret of secrets) if (s.includes(secret)) s = s.split(secret).join("[REDACTED]");
    return s;
  };
}

const KEY = Symbol.for("custody.logger");

/** This process's logger, made on first use (after serve.mjs has set its own secrets). */
export function logger() {
  return (globalThis[KEY] ??= makeLogger(process.env, pino.destination({ dest: 1, sync: true })));
}

export function makeLogger(env, destination) {
  return pino(
    {
      level: env.CUSTODY_LOG_LEVEL ?? "info",
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" },
      hooks: { streamWrite: scrubber(secretsIn(env)) },
    },
    destination,
  );
}

/**
 * Sends console.* (Next.js's own messages, and lib/'s console.error lines) through the logger,
 * so that everything the process prints is one JSON line with the request id.
 */
export function routeConsoleToLogger(log = logger()) {
  // Next.js colours its own messages; a JSON line carries text, not terminal escapes.
  const write = (level) => (...args) => log[level](format(...args).replace(/\u001b\[[0-9;]*m/g, ""));
  console.log = write("info");
  console.info = write("info");
  console.debug = write("debug");
  console.warn = write("warn");
  console.error = write("error");
}
