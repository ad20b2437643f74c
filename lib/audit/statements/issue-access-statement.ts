import "server-only";
import { type StaffContext, toActor } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import type { RequestMeta } from "@/lib/http/request-meta";
import { parseCheckpoint, parseNote } from "@/lib/log/checkpoints/signed-note";
import { auditConfig, checkpointSigningKey } from "@/lib/log/config";
import { recordEvent } from "@/lib/log/events/record-event";
import { auditPool } from "@/lib/log/pool";
import { type AccessStatement, signStatement } from "@/lib/log/statement/access-statement";
import { assertAuditor } from "../search/search-events";
import { type StatementSubject, buildAccessStatement } from "./build-access-statement";
import { readerIdKey } from "./reader-id";
import { statementPeriod } from "./statement-period";

// POST /api/v1/audit/statements: an auditor answers an account holder's access request with a
// statement signed by the log's key. Issuing it is itself an access-log event, committed before
// the statement is handed over, so a statement that cannot be logged is not issued.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let readerKey: Buffer | undefined;

async function findSubject(text: string): Promise<StatementSubject | null> {
  const t = text.trim().replace(/^@/, "");
  const account = await getDb().platformAccount.findFirst({
    where: UUID.test(t) ? { id: t.toLowerCase() } : { OR: [{ handle: t }, { externalId: text.trim() }] },
    select: { id: true, externalId: true, participations: { select: { conversationId: true } } },
  });
  if (!account) return null;
  // The statement names the platform's id for the account, which is what the holder knows.
  return { id: account.id, statementId: account.externalId.replace(/\s/g, "_"), conversationIds: account.participations.map((p) => p.conversationId) };
}

export async function issueAccessStatement(staff: StaffContext, q: { accountId: string; from: string; to: string }, meta: RequestMeta, now = new Date()): Promise<{ filename: string; statement: AccessStatement }> {
  assertAuditor(staff, "audit:export");
  const period = statementPeriod(q.from, q.to);
  const subject = await findSubject(q.accountId);
  if (!subject) throw new NotFoundError("No platform account matches.");
  const config = auditConfig();
  const unsigned = await buildAccessStatement(subject, period, {
    db: auditPool(),
    witnesses: config.witnesses.map((w) => w.key),
    quorum: config.witnessQuorum,
    readerKey: (readerKey ??= readerIdKey(env().NEXTAUTH_SECRET)),
    now,
  });
  const signer = await checkpointSigningKey(config);
  const statement = signStatement(unsigned, { name: signer.keyName, privateKey: signer.privateKey });
  await recordEvent(getDb(), {
    actor: toActor(staff),
    action: "AUDIT_STATEMENT_ISSUED",
    outcome: "ALLOWED",
    accountIds: [subject.id],
    details: {
      from: period.from,
      to: period.to,
      treeSize: parseCheckpoint(parseNote(statement.checkpoint).body).size,
      lines: statement.lines.length,
      pending: statement.pending,
      withheld: statement.withheld,
      withheldUntil: statement.withheldUntil ?? null,
    },
    meta,
  });
  const safe = subject.statementId.replace(/[^\w.-]/g, "_").slice(0, 60);
  return { filename: `access-statement-${safe}-${period.from}-${period.to}.json`, statement };
}
