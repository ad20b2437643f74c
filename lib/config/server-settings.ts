import { z } from "zod";

// The server process's own variables, read by lib/cli/serve.mjs (plain JavaScript, started
// before any of lib/ is loaded). Declared here too so that lib/env.ts checks them with the rest
// at start-up and .env.example's drift test (lib/config/env-example.test.ts) knows them.

export const serverEnvSchema = z.object({
  /** Next.js handlers behind the one port (default: the cores, at most 4; ADR 006). */
  CUSTODY_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Serves Prometheus metrics at /api/metrics on this port; unset, there is no metrics endpoint. */
  CUSTODY_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** The metrics port's address (0.0.0.0 in a container, so the scraper can reach it). */
  CUSTODY_METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  /** When set, a scrape must send Authorization: Bearer <token>. */
  CUSTODY_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  CUSTODY_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** On SIGTERM, how long the server still accepts (readiness already failing) before it stops. */
  CUSTODY_SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).default(1),
  /** How long SIGTERM waits for accepted requests before closing their connections. */
  CUSTODY_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().positive().default(25),
});
