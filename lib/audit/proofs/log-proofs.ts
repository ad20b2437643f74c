import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { AppError, BadRequestError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { can } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { auditPool } from "@/lib/log/pool";
import type { CanonicalEvent } from "@/lib/log/events/event-leaf";
import { EVENT_COLUMNS, type EventRow, type Queryable, eventOfRow, toSafeNumber } from "@/lib/log/events/event-rows";
import { verifyConsistency, verifyInclusion } from "@/lib/log/merkle/merkle-verify";
import { TreeReader } from "@/lib/log/merkle/tree-reader";

// What the audit API answers about the tree: the latest checkpoint, an event's inclusion proof
// and the consistency proof between two checkpoints. Proofs are checked here with the same
// RFC 9162 verifiers that clients and the offline tool run before being returned, so a damaged
// subtree cache surfaces as an error, never as a proof that fails later in an auditor's hands.

export interface CheckpointDto {
  treeSize: number;
  rootHash: string;
  createdAt: string;
  note: string;
  /** On the latest checkpoint only: the witness cosignatures whose lines the note carries. */
  cosignatures?: { witness: string; keyId: string; timestamp: string }[];
}

export interface InclusionProofDto {
  seq: string;
  leafIndex: number;
  leafHash: string;
  /** The event's fields; the leaf hash is SHA-256(0x00 ‖ RFC 8785 JSON of this). */
  event: CanonicalEvent;
  checkpoint: CheckpointDto;
  proof: string[];
}

export interface ConsistencyProofDto {
  from: CheckpointDto;
  to: CheckpointDto;
  proof: string[];
}

const b64 = (h: Uint8Array) => Buffer.from(h).toString("base64");

function assertMayRead(staff: StaffContext) {
  if (!can(staff.roles, "audit:read")) throw new ForbiddenError("ROLE", DENIAL_REASONS.ROLE);
}

async function checkpoint(db: Queryable, size?: number): Promise<CheckpointDto | null> {
  const r = await db.query<{ tree_size: string; root_hash: Buffer; created_at: Date; note: string }>(
    size === undefined
      ? "SELECT c.tree_size::text, c.root_hash, c.created_at, c.note FROM audit_checkpoint c ORDER BY c.tree_size DESC LIMIT 1"
      : "SELECT tree_size::text, root_hash, created_at, note FROM audit_checkpoint WHERE tree_size = $1",
    size === undefined ? [] : [String(size)],
  );
  const row = r.rows[0];
  return row ? { treeSize: toSafeNumber(row.tree_size, "tree size"), rootHash: b64(row.root_hash), createdAt: row.created_at.toISOString(), note: row.note } : null;
}

export async function latestCheckpoint(staff: StaffContext, db: Queryable = auditPool()): Promise<CheckpointDto> {
  assertMayRead(staff);
  const latest = await checkpoint(db);
  if (!latest) throw new NotFoundError("Nothing has been sealed yet, so there is no checkpoint.");
  // The witnesses' cosignatures (C2SP tlog-cosignature) ride on the note as further signature
  // lines, so one note verifies with the log's key and with each witness's; tools that know only
  // the log's key ignore them.
  const cos = await db.query<{ witness_name: string; key_id: string; cosigned_at: Date; line: string }>(
    "SELECT witness_name, key_id::text, cosigned_at, line FROM audit_cosignature WHERE tree_size = $1::bigint ORDER BY witness_name, key_id",
    [String(latest.treeSize)],
  );
  return {
    ...latest,
    note: latest.note + cos.rows.map((r) => `${r.line}\n`).join(""),
    cosignatures: cos.rows.map((r) => ({ witness: r.witness_name, keyId: Number(r.key_id).toString(16).padStart(8, "0"), timestamp: r.cosigned_at.toISOString() })),
  };
}

export async function eventInclusionProof(staff: StaffContext, seqText: string, opts: { treeSize?: number } = {}, db: Queryable = auditPool()): Promise<InclusionProofDto> {
  assertMayRead(staff);
  if (!/^[1-9][0-9]{0,18}$/.test(seqText)) throw new BadRequestError("The sequence number must be a positive integer.");
  const found = await db.query<EventRow & { leaf_index: string | null; leaf_hash: Buffer | null }>(
    `SELECT l.leaf_index::text, l.leaf_hash, ${EVENT_COLUMNS} FROM access_event e LEFT JOIN audit_leaf l ON l.seq = e.seq WHERE e.seq = $1::bigint`,
    [seqText],
  );
  const row = found.rows[0];
  if (!row) throw new NotFoundError(`There is no event ${seqText}.`);
  if (row.leaf_index === null || row.leaf_hash === null) throw new AppError(409, "NOT_SEALED", `Event ${seqText} is not sealed yet; ask again in a moment.`);
  const leafIndex = toSafeNumber(row.leaf_index, "leaf index");
  const cp = await checkpoint(db, opts.treeSize);
  if (!cp) throw new NotFoundError(opts.treeSize === undefined ? "There is no checkpoint yet." : `There is no checkpoint of size ${opts.treeSize}.`);
  if (leafIndex >= cp.treeSize) throw new AppError(409, "NOT_IN_CHECKPOINT", `Event ${seqText} was sealed after the checkpoint of size ${cp.treeSize}.`);
  const [proof] = await new TreeReader(db).inclusionProofs([leafIndex], cp.treeSize);
  if (!proof || !verifyInclusion(row.leaf_hash, leafIndex, cp.treeSize, proof, Buffer.from(cp.rootHash, "base64"))) {
    throw new Error(`the stored tree does not prove leaf ${leafIndex} in its own checkpoint of size ${cp.treeSize}`);
  }
  return { seq: seqText, leafIndex, leafHash: b64(row.leaf_hash), event: eventOfRow(row), checkpoint: cp, proof: proof.map(b64) };
}

export async function checkpointConsistency(staff: StaffContext, fromSize: number, toSize: number | undefined, db: Queryable = auditPool()): Promise<ConsistencyProofDto> {
  assertMayRead(staff);
  const to = await checkpoint(db, toSize);
  if (!to) throw new NotFoundError(toSize === undefined ? "There is no checkpoint yet." : `There is no checkpoint of size ${toSize}.`);
  if (fromSize > to.treeSize) throw new BadRequestError(`"from" (${fromSize}) must not be larger than "to" (${to.treeSize}).`);
  const from = await checkpoint(db, fromSize);
  if (!from) throw new NotFoundError(`There is no checkpoint of size ${fromSize}.`);
  const proof = await new TreeReader(db).consistencyProof(from.treeSize, to.treeSize);
  if (!verifyConsistency(from.treeSize, to.treeSize, Buffer.from(from.rootHash, "base64"), Buffer.from(to.rootHash, "base64"), proof)) {
    throw new Error(`the stored checkpoints of sizes ${from.treeSize} and ${to.treeSize} are not consistent`);
  }
  return { from, to, proof: proof.map(b64) };
}
