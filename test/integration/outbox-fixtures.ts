import pg from "pg";
import type { StaffContext } from "@/lib/auth/staff-context";
import { decideCase } from "@/lib/cases/decide-case";
import { getDb } from "@/lib/db";
import type { Decision } from "@/lib/dto";
import { outboxConfig, type OutboxConfig } from "@/lib/outbox/config";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";

// Shared by the outbox tests: decided cases, the delivery rows, the queue's jobs, and the
// outbox settings a test dispatcher runs with (fast retries; the defaults are for production).

export async function decidedCase(decision: Decision = "WARN", opts: { reviewer?: StaffContext; note?: string; targetAccountId?: string } = {}) {
  const reviewer = opts.reviewer ?? (await makeStaff(["REVIEWER"]));
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  const result = await decideCase(reviewer, { caseId: world.caseId, decision, note: opts.note ?? "Insults after being asked to stop.", targetAccountId: opts.targetAccountId }, meta);
  return { reviewer, world, decisionId: result.decisionId };
}

export function delivery(decisionId: string) {
  return getDb().outboundDelivery.findUniqueOrThrow({ where: { decisionId } });
}

/** The queue's jobs for a decision, read as the schema owner (the table is graphile-worker's). */
export async function jobsFor(decisionId: string): Promise<{ key: string | null; run_at: Date; locked_by: string | null }[]> {
  return asOwner(async (c) => (await c.query(`select key, run_at, locked_by from graphile_worker._private_jobs where payload->>'decisionId' = $1`, [decisionId])).rows);
}

export async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function testOutboxConfig(url: string, secret: string, extra: Record<string, string> = {}): OutboxConfig {
  return outboxConfig({
    CUSTODY_PLATFORM_WEBHOOK_URL: url,
    CUSTODY_PLATFORM_WEBHOOK_SECRET: secret,
    CUSTODY_DELIVERY_TIMEOUT_SECONDS: "2",
    CUSTODY_DELIVERY_RETRY_BASE_SECONDS: "0.2",
    CUSTODY_DELIVERY_RETRY_CAP_SECONDS: "1",
    CUSTODY_RUNNER_STALE_SECONDS: "3",
    ...extra,
  });
}

/** Polls until `check` returns a truthy value (no fixed sleeps), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, what = "the condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
