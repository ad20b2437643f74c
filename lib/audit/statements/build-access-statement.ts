import "server-only";
import { ConflictError } from "@/lib/errors";
import type { Queryable } from "@/lib/log/events/event-rows";
import { toSafeNumber } from "@/lib/log/events/event-rows";
import { verifyInclusion } from "@/lib/log/merkle/merkle-verify";
import { TreeReader } from "@/lib/log/merkle/tree-reader";
import { STATEMENT_FORMAT, type StatementLine, type UnsignedStatement } from "@/lib/log/statement/access-statement";
import type { CosignerKey } from "@/lib/log/witness/cosignature";
import { witnessedState } from "@/lib/log/witness/witness-client";
import { ACCESS_ACTIONS } from "../account-report/account-report";
import { readerId } from "./reader-id";
import type { StatementPeriod } from "./statement-period";

// The statement's content, from the sealed log (issue 13 §4, ADR 029): every allowed access to
// the account's DMs in the period (named among the senders revealed, or in one of its
// conversations — the account report's rule), each with the inclusion proof of its leaf in the
// newest checkpoint the configured witnesses have cosigned to quorum. The period must be
// over and every event in it under that checkpoint, or the statement could silently leave out
// a read that is logged but not yet sealed: that is a 409, not a shorter list.
//
// Reads under a legal request whose non-disclosure order has not yet ended are withheld and
// only counted (18 U.S.C. 2705(b), ADR 031): listing them would tell the subject of a sealed
// investigation that it exists.

const BASIS: Record<string, string> = { USER_REPORT: "report", PROACTIVE_FLAG: "flag", LEGAL_REQUEST: "legal process", EMERGENCY: "emergency", APPEAL: "appeal" };

/** What kind of staff member read, never who: the legal team, a lead or a reviewer. */
export function roleCategory(roles: readonly string[]): string {
  if (roles.includes("LEGAL")) return "legal team";
  if (roles.includes("LEAD")) return "trust and safety lead";
  if (roles.includes("REVIEWER")) return "trust and safety reviewer";
  return "staff";
}

export interface StatementSubject {
  /** Custody's id of the platform account (the log's account_ids). */
  id: string;
  /** The id the statement names: the platform's own, which the holder knows. */
  statementId: string;
  conversationIds: string[];
}

export interface StatementSources {
  db: Queryable;
  witnesses: readonly CosignerKey[];
  quorum: number;
  readerKey: Buffer;
  now: Date;
}

type ReadRow = { seq: string; occurred_at: Date; actor_id: string | null; actor_email: string | null; actor_roles: string[]; purpose: string | null; case_number: number | null; basis: string | null; nd_until: Date | null; leaf_index: string | null; leaf_hash: Buffer | null };

export async function buildAccessStatement(subject: StatementSubject, period: StatementPeriod, src: StatementSources): Promise<UnsignedStatement> {
  if (period.end > src.now) throw new ConflictError("PERIOD_OPEN", `The period runs to ${period.to}, which has not ended yet; a statement covers only a period that is over and sealed.`);
  const { witnessedSize: size } = src.quorum > 0 ? await witnessedState(src.db, src.witnesses, src.quorum) : { witnessedSize: 0 };
  if (size === 0) throw new ConflictError("NOT_WITNESSED", "No checkpoint of the log has been cosigned by the witnesses yet, so no statement can be proven against one.");

  const unsealed = await src.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM access_event e LEFT JOIN audit_leaf l ON l.seq = e.seq
      WHERE e.occurred_at >= $1 AND e.occurred_at < $2 AND (l.leaf_index IS NULL OR l.leaf_index >= $3::bigint)`,
    [period.start, period.end, String(size)],
  );
  const open = Number(unsealed.rows[0]?.n ?? 0);
  if (open > 0) throw new ConflictError("NOT_SEALED", `${open} event(s) of the period are not yet under a witnessed checkpoint (witnessed size ${size}). Ask again once the sealer and the witnesses have caught up, usually within minutes.`);

  const rows = await src.db.query<ReadRow>(
    `SELECT e.seq::text, e.occurred_at, e.actor_id::text, e.actor_email, e.actor_roles, e.purpose, c.number AS case_number, c.basis::text AS basis,
            CASE WHEN r.non_disclosure_until > $5 THEN r.non_disclosure_until END AS nd_until, l.leaf_index::text, l.leaf_hash
       FROM access_event e
       LEFT JOIN "case" c ON c.id = e.case_id
       LEFT JOIN legal_request r ON r.id = c.legal_request_id
       LEFT JOIN audit_leaf l ON l.seq = e.seq
      WHERE e.action = ANY($1::text[]) AND e.outcome = 'ALLOWED'
        AND (e.account_ids @> ARRAY[$2]::text[] OR e.conversation_id = ANY($3::uuid[]))
        AND e.occurred_at >= $4 AND e.occurred_at < $6
      ORDER BY l.leaf_index`,
    [[...ACCESS_ACTIONS], subject.id, subject.conversationIds, period.start, src.now, period.end],
  );

  const listed: (ReadRow & { index: number })[] = [];
  let withheld = 0;
  let withheldUntil: Date | null = null;
  for (const r of rows.rows) {
    if (r.nd_until) {
      withheld++;
      if (!withheldUntil || r.nd_until > withheldUntil) withheldUntil = r.nd_until;
      continue;
    }
    // Checked above: every event of the period has a leaf under the checkpoint.
    listed.push({ ...r, index: toSafeNumber(r.leaf_index!, "leaf index") });
  }

  const proofs = await new TreeReader(src.db).inclusionProofs(listed.map((r) => r.index), size);
  const cp = await witnessedNote(src.db, size, src.witnesses);
  const scope = { accountId: subject.statementId, from: period.from, to: period.to };
  const lines = listed.map((r, i): StatementLine => {
    const proof = proofs[i]!;
    // Checked with the holder's verifier before it leaves: a damaged tree is our error, not theirs.
    if (!verifyInclusion(r.leaf_hash!, r.index, size, proof, cp.root)) throw new Error(`the stored tree does not prove leaf ${r.index} in its checkpoint of size ${size}`);
    return {
      date: r.occurred_at.toISOString(),
      purpose: r.purpose ?? "unstated",
      basis: (r.basis && BASIS[r.basis]) ?? "none",
      roleCategory: roleCategory(r.actor_roles),
      readerId: readerId(src.readerKey, scope, r.actor_id ?? r.actor_email ?? "unknown"),
      leafIndex: r.index,
      leafHash: r.leaf_hash!.toString("base64"),
      proof: proof.map((h) => h.toString("base64")),
      ...(r.case_number !== null ? { case: r.case_number } : {}),
    };
  });
  return {
    format: STATEMENT_FORMAT,
    accountId: subject.statementId,
    issuedAt: src.now.toISOString(),
    checkpoint: cp.note,
    lines,
    pending: 0,
    withheld,
    ...(withheldUntil ? { withheldUntil: withheldUntil.toISOString().slice(0, 10) } : {}),
  };
}

/** The checkpoint note of `size` with the configured witnesses' cosignature lines. */
async function witnessedNote(db: Queryable, size: number, witnesses: readonly CosignerKey[]): Promise<{ note: string; root: Buffer }> {
  const cp = await db.query<{ note: string; root_hash: Buffer }>("SELECT note, root_hash FROM audit_checkpoint WHERE tree_size = $1::bigint", [String(size)]);
  const row = cp.rows[0];
  if (!row) throw new Error(`the witnessed checkpoint of size ${size} is missing from audit_checkpoint`);
  const cos = await db.query<{ line: string }>(
    `SELECT s.line FROM audit_cosignature s JOIN unnest($2::text[], $3::bigint[]) AS k(name, id) ON s.witness_name = k.name AND s.key_id = k.id
      WHERE s.tree_size = $1::bigint ORDER BY s.witness_name, s.key_id`,
    [String(size), witnesses.map((w) => w.name), witnesses.map((w) => String(w.keyId))],
  );
  return { note: row.note + cos.rows.map((r) => `${r.line}\n`).join(""), root: row.root_hash };
}
