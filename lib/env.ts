import "server-only";
import type { BlockList } from "node:net";
import path from "node:path";
import { z } from "zod";
import { parseWorkingHours } from "@/lib/config/working-hours";
import { logEnvSchema } from "@/lib/config/log-settings";
import { outboxEnvSchema } from "@/lib/config/outbox-settings";
import { serverEnvSchema } from "@/lib/config/server-settings";
import { parseTrustedProxies } from "@/lib/http/forwarded.mjs";
import { parseIntakeSecrets } from "@/lib/intake/signature";

// Typed configuration, parsed once on first use so that a misconfigured server fails at
// start-up with a message naming the variable, not later with a stack trace.
const flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");

const schema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  CUSTODY_DEMO: flag.default(false),
  CUSTODY_PASSWORD_SIGNIN: flag.default(false),
  CUSTODY_DATA_DIR: z.string().default(".data"),
  CUSTODY_KEK: z.string().optional(),
  CUSTODY_KEK_FILE: z.string().optional(),
  // The platform's intake signing secrets: one or more whsec_… (spaces or commas between), any of which verifies.
  CUSTODY_INTAKE_SECRET: z.string().optional().superRefine(checkIntakeSecrets),
  CUSTODY_GRANT_MINUTES: z.coerce.number().int().min(1).max(240).default(30),
  CUSTODY_READ_LIMIT_PER_HOUR: z.coerce.number().int().min(1).default(60),
  // Reads outside these hours (UTC, "HH:MM-HH:MM") are an anomaly signal for auditors.
  CUSTODY_WORKING_HOURS: z.string().refine((s) => parseWorkingHours(s) !== null, "must be HH:MM-HH:MM (UTC)").default("07:00-19:00"),
  // Reverse proxies (IPs and CIDR ranges, comma-separated) whose X-Forwarded-For and
  // X-Forwarded-Proto are believed; with none, the client is the socket's peer (lib/http/forwarded.mjs).
  CUSTODY_TRUSTED_PROXIES: z.string().default("").superRefine(checkProxyList),
  // Set by lib/cli/serve.mjs for its own workers, never by an operator: proves its peer header genuine.
  CUSTODY_PEER_TOKEN: z.string().min(32).optional(),
  // The access log's checkpoint directory, signing key, origin and in-server sealer.
  ...logEnvSchema.shape,
  // Where decisions are delivered, with which secret, and the dispatcher's schedule.
  ...outboxEnvSchema.shape,
  // The server process's workers, metrics port, log level and shutdown deadline (lib/cli/serve.mjs).
  ...serverEnvSchema.shape,
  // Single sign-on through an OpenID provider (lib/auth/oidc/, ADR 024): all three, or none.
  CUSTODY_OIDC_ISSUER: z.url().optional(),
  CUSTODY_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CUSTODY_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
}).superRefine((e, ctx) => {
  if (e.CUSTODY_PLATFORM_WEBHOOK_URL && !e.CUSTODY_PLATFORM_WEBHOOK_SECRET) {
    ctx.addIssue({ code: "custom", path: ["CUSTODY_PLATFORM_WEBHOOK_SECRET"], message: "required when CUSTODY_PLATFORM_WEBHOOK_URL is set (deliveries are always signed)" });
  }
});

function checkIntakeSecrets(raw: string | undefined, ctx: z.RefinementCtx) {
  if (raw === undefined || raw.trim() === "") return;
  try {
    parseIntakeSecrets(raw);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: `${err instanceof Error ? err.message : err}; give whsec_<base64> secrets, separated by spaces or commas` });
  }
}

function checkProxyList(list: string, ctx: z.RefinementCtx) {
  try {
    parseTrustedProxies(list);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: `${err instanceof Error ? err.message : err}; give IP addresses or CIDR ranges, comma-separated` });
  }
}

/** Every variable this schema reads (.env.example must list each: lib/config/env-example.test.ts). */
export const ENV_VARIABLES = Object.keys(schema.shape) as readonly string[];

export type Env = z.infer<typeof schema> & { dataDir: string; passwordSignIn: boolean; trustedProxies: BlockList };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Custody is misconfigured:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  cached = {
    ...e,
    dataDir: path.resolve(e.CUSTODY_DATA_DIR),
    passwordSignIn: e.CUSTODY_DEMO || e.CUSTODY_PASSWORD_SIGNIN,
    trustedProxies: parseTrustedProxies(e.CUSTODY_TRUSTED_PROXIES),
  };
  return cached;
}
