import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { type CanonicalEvent, canonicalEventFromRow } from "@/lib/log/events/event-leaf";
import { assertAuditor } from "./search-events";

// One access-log event with every field it holds, for the auditor's event page. The canonical
// form goes to the browser too: the page hashes exactly the fields it shows into the Merkle
// leaf and checks that leaf's inclusion proof, so what the auditor reads is what is proven.

export type EventDetail = {
  event: CanonicalEvent;
  caseNumber: number | null;
  accounts: { id: string; handle: string | null }[];
  leaf: { index: string; hash: string } | null;
  /** The events just before and after in the log, for stepping through it. */
  previousSeq: string | null;
  nextSeq: string | null;
};

export async function getAuditEventDetail(staff: StaffContext, seqText: string): Promise<EventDetail> {
  assertAuditor(staff);
  if (!/^[1-9]\d{0,18}$/.test(seqText)) throw new NotFoundError(`There is no event ${seqText}.`);
  const seq = BigInt(seqText);
  const db = getDb();
  const row = await db.accessEvent.findUnique({ where: { seq } });
  if (!row) throw new NotFoundError(`There is no event ${seqText}.`);
  const event = canonicalEventFromRow(row);
  const [caseRow, accounts, leaf, previous, next] = await Promise.all([
    row.caseId ? db.case.findUnique({ where: { id: row.caseId }, select: { number: true } }) : null,
    db.platformAccount.findMany({ where: { id: { in: row.accountIds.filter((a) => /^[0-9a-f-]{36}$/i.test(a)) } }, select: { id: true, handle: true } }),
    db.auditLeaf.findUnique({ where: { seq }, select: { leafIndex: true, leafHash: true } }),
    db.accessEvent.findFirst({ where: { seq: { lt: seq } }, orderBy: { seq: "desc" }, select: { seq: true } }),
    db.accessEvent.findFirst({ where: { seq: { gt: seq } }, orderBy: { seq: "asc" }, select: { seq: true } }),
  ]);
  const handles = new Map(accounts.map((a) => [a.id, a.handle]));
  return {
    event,
    caseNumber: caseRow?.number ?? null,
    accounts: row.accountIds.map((id) => ({ id, handle: handles.get(id) ?? null })),
    leaf: leaf ? { index: leaf.leafIndex.toString(), hash: Buffer.from(leaf.leafHash).toString("base64") } : null,
    previousSeq: previous?.seq.toString() ?? null,
    nextSeq: next?.seq.toString() ?? null,
  };
}
