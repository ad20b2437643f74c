import "server-only";
import { randomUUID } from "node:crypto";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { BadRequestError, ForbiddenError, LogUnavailableError, NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { UUID_RE } from "@/lib/ids";
import { can } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { auditPool } from "@/lib/log/pool";
import { CheckpointDirectory } from "@/lib/log/checkpoints/checkpoint-directory";
import { type ExportRequest, ExportRequestError, planExport } from "./export-plan";
import { exportStream } from "./export-stream";
import { recordEvent } from "@/lib/log/events/record-event";

// An auditor's export: authorise, fix the plan (which checkpoint it is anchored to), log the
// AUDIT_EXPORTED event — committed before the first byte leaves, like every other read of the
// log — then stream. The signed manifest is stored when the last byte has been sent, under the
// export id the response carries, and fetched with exportManifest().

export interface StartedExport {
  exportId: string;
  treeSize: number;
  scope: "contiguous" | "filtered";
  contentType: string;
  filename: string;
  stream: ReadableStream<Uint8Array>;
}

function assertMayExport(staff: StaffContext) {
  if (!can(staff.roles, "audit:export")) throw new ForbiddenError("ROLE", DENIAL_REASONS.ROLE);
}

export async function startExport(staff: StaffContext, request: ExportRequest, meta: RequestMeta): Promise<StartedExport> {
  assertMayExport(staff);
  const config = auditConfig();
  const db = auditPool();
  const plan = await planExport(db, new CheckpointDirectory(config.checkpointDir), request).catch((error: unknown) => {
    throw error instanceof ExportRequestError ? new BadRequestError(error.message) : error;
  });
  const signer = await checkpointSigningKey(config);
  const exportId = randomUUID();
  const treeSize = plan.anchor?.size ?? 0;
  await recordEvent(getDb(), {
    actor: toActor(staff),
    action: "AUDIT_EXPORTED",
    outcome: "ALLOWED",
    details: {
      exportId,
      format: request.format,
      scope: plan.scope,
      treeSize,
      ...(request.filter ? { filter: request.filter } : {}),
      ...(request.fromLeaf ? { fromLeaf: request.fromLeaf } : {}),
      ...(request.consistencyFrom !== undefined ? { consistencyFrom: request.consistencyFrom } : {}),
    },
    meta,
  }).catch((error: unknown) => {
    // Fail closed: an export nobody logged would hand out the whole log unwatched.
    console.error("audit export refused: its AUDIT_EXPORTED event could not be written", { error: error instanceof Error ? error.message : String(error) });
    throw new LogUnavailableError();
  });
  const stream = exportStream({
    db,
    plan,
    exportId,
    origin: config.origin,
    exportedAt: new Date().toISOString(),
    signer,
    onComplete: async (note) => {
      await db.query("INSERT INTO audit_export_manifest (export_id, manifest) VALUES ($1, $2)", [exportId, note]);
    },
  });
  const extension = request.format === "csv" ? "csv" : "jsonl";
  return {
    exportId,
    treeSize,
    scope: plan.scope,
    contentType: request.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    filename: `custody-access-log-${treeSize}-${exportId}.${extension}`,
    stream,
  };
}

/** The signed manifest of a finished export (a C2SP signed note). */
export async function exportManifest(staff: StaffContext, exportId: string): Promise<string> {
  assertMayExport(staff);
  if (!UUID_RE.test(exportId)) throw new BadRequestError("The export id must be a UUID.");
  const row = await auditPool().query<{ manifest: string }>("SELECT manifest FROM audit_export_manifest WHERE export_id = $1", [exportId]);
  const manifest = row.rows[0]?.manifest;
  if (!manifest) throw new NotFoundError("No finished export has that id: the download may not have completed.");
  return manifest;
}
