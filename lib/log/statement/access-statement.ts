import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../events/canonical-json";
import { NoteError, decodeBase64, openNote, parseCheckpoint, parseNote, signNote } from "../checkpoints/signed-note";
import type { KeyObject } from "node:crypto";
import { verifyInclusion } from "../merkle/merkle-verify";
import type { CosignerKey } from "../witness/cosignature";
import { verifyCosignedCheckpoint } from "../witness/verify-cosigned";

// A "who read my DMs" statement (issue 13 §4, ADR 029): for one platform account, one line per
// access to its conversations, each carrying the inclusion proof of its event's leaf against a
// witness-cosigned checkpoint. A line carries the leaf hash only, never the event, because the
// event names the staff member; readers appear as a stable pseudonym (HMAC of the staff id).
//
// The statement is signed with the log's own key as a C2SP signed note whose text is
//
//   custody-access-statement/v1
//   account <account id>
//   issued <ISO time>
//   checkpoint <origin> <size> <base64 root>
//   lines <count> <base64 SHA-256 of the RFC 8785 JSON of the lines>
//   pending <count>
//   withheld <count>[ until <date>]
//
// The first line is not a log origin and the second not a tree size, so the note can never be
// read as a checkpoint (domain separation under one key). Everything a holder could alter —
// the account, any line, the checkpoint, the counts — is inside the signed text.

export const STATEMENT_FORMAT = "custody-access-statement/v1";

const b64hash = z.string().refine((s) => decodeBase64(s)?.length === 32, "a base64 SHA-256 hash");

export const statementLineSchema = z.strictObject({
  date: z.string().min(1).max(40),
  purpose: z.string().min(1).max(40),
  basis: z.string().min(1).max(40),
  roleCategory: z.string().min(1).max(40),
  readerId: z.string().regex(/^[0-9a-f]{16,64}$/),
  leafIndex: z.number().int().nonnegative(),
  leafHash: b64hash,
  proof: z.array(b64hash).max(64),
  /** The case the access was for (its number), when it was for one. */
  case: z.number().int().positive().optional(),
});

export const accessStatementSchema = z.strictObject({
  format: z.literal(STATEMENT_FORMAT),
  accountId: z.string().min(1).max(200),
  issuedAt: z.string().min(1).max(40),
  /** The checkpoint note: the log's signature line and the witnesses' cosignature lines. */
  checkpoint: z.string().min(1).max(1 << 16),
  lines: z.array(statementLineSchema).max(100_000),
  /** Accesses logged but not yet under a witnessed checkpoint. */
  pending: z.number().int().nonnegative(),
  /** Accesses under an active non-disclosure order, given only as a count. */
  withheld: z.number().int().nonnegative(),
  /** When the last non-disclosure order behind `withheld` ends (a date), if any access is withheld. */
  withheldUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** The signed note over statementText(...). */
  signature: z.string().min(1).max(1 << 12),
});

export type StatementLine = z.infer<typeof statementLineSchema>;
export type AccessStatement = z.infer<typeof accessStatementSchema>;
export type UnsignedStatement = Omit<AccessStatement, "signature">;

/** The text the log's key signs for a statement. */
export function statementText(s: UnsignedStatement): string {
  const cp = parseCheckpoint(parseNote(s.checkpoint).body);
  const digest = createHash("sha256").update(canonicalJson(s.lines), "utf8").digest("base64");
  return [
    STATEMENT_FORMAT,
    `account ${s.accountId}`,
    `issued ${s.issuedAt}`,
    `checkpoint ${cp.origin} ${cp.size} ${cp.rootHash.toString("base64")}`,
    `lines ${s.lines.length} ${digest}`,
    `pending ${s.pending}`,
    `withheld ${s.withheld}${s.withheldUntil ? ` until ${s.withheldUntil}` : ""}`,
  ].join("\n") + "\n";
}

export function signStatement(s: UnsignedStatement, signer: { name: string; privateKey: KeyObject }): AccessStatement {
  if (/\s/.test(s.accountId)) throw new NoteError("malformed", "an account id has no white space");
  return { ...s, signature: signNote(statementText(s), signer) };
}

export type StatementVerdict =
  | { ok: true; accountId: string; lines: number; pending: number; withheld: number; withheldUntil?: string; checkpointSize: number; witnesses: string[] }
  | { ok: false; problem: string };

export interface StatementTrust {
  /** The log's verifier key(s); after a rotation, old ones too. */
  logKey: string | string[];
  witnesses: readonly (string | CosignerKey)[];
  quorum: number;
  /** The account the holder asked about: a statement for any other account fails. */
  accountId: string;
}

/** Checks a statement offline: signature, account, witnessed checkpoint, every line's proof. */
export function verifyAccessStatement(input: unknown, trust: StatementTrust): StatementVerdict {
  const fail = (problem: string): StatementVerdict => ({ ok: false, problem });
  const parsed = accessStatementSchema.safeParse(input);
  if (!parsed.success) return fail(`not a statement: ${parsed.error.issues[0]?.path.join(".") ?? ""} ${parsed.error.issues[0]?.message ?? ""}`.trim());
  const s = parsed.data;
  if (s.accountId !== trust.accountId) return fail(`the statement is for account ${JSON.stringify(s.accountId)}, not ${JSON.stringify(trust.accountId)}`);
  if (trust.quorum < 1) return fail("a statement is only trusted against a witnessed checkpoint: give --witness keys and a quorum of at least 1");

  const witnessed = verifyCosignedCheckpoint(s.checkpoint, { logKey: trust.logKey, witnesses: trust.witnesses, quorum: trust.quorum });
  if (!witnessed.ok) return fail(`checkpoint: ${witnessed.problem ?? "not trusted"}`);

  let expected: string;
  try {
    expected = statementText(s);
  } catch (error) {
    if (error instanceof NoteError) return fail(`checkpoint: ${error.message}`);
    throw error;
  }
  const signed = openWithAny(s.signature, trust.logKey);
  if (!signed.ok) return fail(`signature: ${signed.problem}`);
  if (signed.body !== expected) return fail("signature: the signed text does not match the statement (a line, the account, the checkpoint or a count was changed)");

  const cp = parseCheckpoint(parseNote(s.checkpoint).body);
  const seen = new Set<number>();
  for (const [i, line] of s.lines.entries()) {
    if (seen.has(line.leafIndex)) return fail(`line ${i + 1}: leaf ${line.leafIndex} is listed twice`);
    seen.add(line.leafIndex);
    const proof = line.proof.map((p) => decodeBase64(p)!);
    if (!verifyInclusion(decodeBase64(line.leafHash)!, line.leafIndex, cp.size, proof, cp.rootHash)) {
      return fail(`line ${i + 1}: the inclusion proof of leaf ${line.leafIndex} does not reach the checkpoint of size ${cp.size}`);
    }
  }
  return { ok: true, accountId: s.accountId, lines: s.lines.length, pending: s.pending, withheld: s.withheld, withheldUntil: s.withheldUntil, checkpointSize: cp.size, witnesses: witnessed.signedBy.map((w) => w.name) };
}

function openWithAny(note: string, keys: string | string[]): { ok: true; body: string } | { ok: false; problem: string } {
  let problem = "no log key given";
  for (const key of Array.isArray(keys) ? keys : [keys]) {
    try {
      return { ok: true, body: openNote(note, key) };
    } catch (error) {
      if (!(error instanceof NoteError)) throw error;
      problem = error.message;
    }
  }
  return { ok: false, problem };
}
