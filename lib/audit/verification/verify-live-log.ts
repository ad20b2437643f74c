import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { can } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { auditPool } from "@/lib/log/pool";
import { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import { recordEvent } from "@/lib/log/events/record-event";
import { type DatabaseVerifyResult, verifyDatabaseLog } from "@/lib/log/verify/verify-database";

// "Verify now" for the auditor workspace and `npm run audit:verify -- --database`: the live
// log against the checkpoint directory, with progress, recorded as an AUDIT_VERIFIED event
// (ALLOWED when intact, FAILED naming the first bad entry otherwise). Verifying is itself a
// read of the whole log, so it is logged like one.

export type LiveVerifyResult = DatabaseVerifyResult & { checkedAt: string; durationMs: number };

export interface LiveVerifyOptions {
  onProgress?: (done: number, total: number) => void;
  /** Who asked; must hold audit:export. Omitted when run by the operator's CLI. */
  staff?: StaffContext;
  meta?: RequestMeta;
  /** The verifier key to check against; defaults to the one derived from the signing key. */
  verifierKey?: string;
}

export async function verifyLiveLog(opts: LiveVerifyOptions = {}): Promise<LiveVerifyResult> {
  if (opts.staff && !can(opts.staff.roles, "audit:export")) throw new ForbiddenError("ROLE", DENIAL_REASONS.ROLE);
  const config = auditConfig();
  const verifierKey = opts.verifierKey ?? (await checkpointSigningKey(config)).verifierKey;
  const started = Date.now();
  const result = await verifyDatabaseLog(auditPool(), {
    directory: new CheckpointDirectory(config.checkpointDir),
    verifierKey,
    origin: config.origin,
    onProgress: opts.onProgress,
  });
  const durationMs = Date.now() - started;
  const summary = result.ok
    ? { ok: true as const, events: result.events, verifiedSize: result.verifiedSize, verifiedRoot: result.verifiedRoot, unsealedEvents: result.unsealedEvents }
    : { ok: false as const, kind: result.kind, problem: result.problem, firstBadSeq: result.firstBadSeq, firstBadLeafIndex: result.firstBadLeafIndex };
  await recordEvent(getDb(), {
    actor: opts.staff ? { id: opts.staff.id, email: opts.staff.email, roles: opts.staff.roles } : null,
    action: "AUDIT_VERIFIED",
    outcome: result.ok ? "ALLOWED" : "FAILED",
    details: { mode: "database", ...summary, checkpoints: result.checkpointsInDatabase, checkpointFiles: result.checkpointsInDirectory, durationMs },
    meta: opts.meta,
  });
  return { ...result, checkedAt: new Date(started).toISOString(), durationMs };
}

export interface LastVerification {
  at: string;
  ok: boolean;
  by: string | null;
  details: unknown;
}

/** The most recent AUDIT_VERIFIED event, for the workspace's "last full verification". */
export async function lastLiveVerification(): Promise<LastVerification | null> {
  const row = await getDb().accessEvent.findFirst({
    where: { action: "AUDIT_VERIFIED" },
    orderBy: { seq: "desc" },
    select: { occurredAt: true, outcome: true, actorEmail: true, details: true },
  });
  return row ? { at: row.occurredAt.toISOString(), ok: row.outcome === "ALLOWED", by: row.actorEmail, details: row.details } : null;
}
