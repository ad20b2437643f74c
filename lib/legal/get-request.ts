import "server-only";
import type { StaffContext } from "@/lib/auth/staff-context";
import { getDb } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { disclosableTypes, type DataType, type Instrument, type Jurisdiction } from "@/lib/policy/legal-basis";
import type { RedFlag } from "@/lib/policy/legal-red-flags";
import { isOpenLegalStatus } from "@/lib/policy/legal-status";
import { decidePermission } from "@/lib/policy/permissions";
import { DENIAL_REASONS } from "@/lib/policy/reasons";
import { loadRedFlags } from "./request-red-flags";

// A request's page: what it names, its verification, its red flags, what the instrument
// allows, its cases and holds. Never the document's bytes (read-legal-document.ts) and never content.

export type LegalRequestDetail = {
  id: string;
  number: number;
  reference: string;
  authority: string;
  officerName: string;
  officerEmail: string;
  officerPhone: string;
  instrument: Instrument;
  jurisdiction: Jurisdiction;
  jurisdictionName: string;
  category: string;
  namedAccounts: { id: string; handle: string }[];
  dateFrom: Date;
  dateTo: Date;
  dataTypes: string[];
  disclosable: readonly DataType[];
  dueAt: Date;
  overdue: boolean;
  status: string;
  emergencyJustification: string | null;
  /** A non-disclosure order's end, and the user-notice task it raised once it passed (ADR 031). */
  nonDisclosureUntil: Date | null;
  userNotice: { id: string; dueAt: Date; raisedAt: Date; givenAt: Date | null; note: string | null } | null;
  receivedBy: { id: string; name: string };
  createdAt: Date;
  verification: { by: string; at: Date; method: string; passed: boolean; note: string } | null;
  document: { fileName: string; mediaType: string; size: number; sha256: string } | null;
  redFlags: RedFlag[];
  cases: { id: string; number: number; basis: string; status: string }[];
  holds: { id: string; kind: string; placedAt: Date; expiresAt: Date; releasedAt: Date | null; renewals: number; reason: string; reads: HeldRead[] }[];
};

/** A read of held material (18 U.S.C. 2258A(h)(3) asks providers to minimise and know these). */
export type HeldRead = { seq: string; at: Date; actorEmail: string | null; grantId: string | null; conversationId: string | null; messages: number };

/** The content reads of the held accounts' conversations while the hold was in force, from the log (newest first, at most 20). */
async function readsUnderHold(db: ReturnType<typeof getDb>, h: { accountIds: string[]; placedAt: Date; releasedAt: Date | null; expiresAt: Date }): Promise<HeldRead[]> {
  const conversations = await db.conversationParticipant.findMany({ where: { accountId: { in: h.accountIds } }, select: { conversationId: true }, distinct: ["conversationId"], take: 500 });
  if (conversations.length === 0) return [];
  const end = h.releasedAt && h.releasedAt < h.expiresAt ? h.releasedAt : h.expiresAt;
  const events = await db.accessEvent.findMany({
    where: { action: "CONTENT_READ", outcome: "ALLOWED", conversationId: { in: conversations.map((c) => c.conversationId) }, occurredAt: { gte: h.placedAt, lte: end } },
    select: { seq: true, occurredAt: true, actorEmail: true, grantId: true, conversationId: true, messageIds: true },
    orderBy: { seq: "desc" },
    take: 20,
  });
  return events.map((e) => ({ seq: e.seq.toString(), at: e.occurredAt, actorEmail: e.actorEmail, grantId: e.grantId, conversationId: e.conversationId, messages: e.messageIds.length }));
}

export async function getLegalRequest(staff: StaffContext, id: string, now = new Date()): Promise<LegalRequestDetail> {
  const allowed = decidePermission(staff.roles, "legal:read");
  if (!allowed.allow) throw new ForbiddenError(allowed.reason, allowed.message);
  const db = getDb();
  const r = await db.legalRequest.findUnique({
    where: { id },
    select: {
      id: true, number: true, reference: true, authority: true, officerName: true, officerEmail: true, officerPhone: true, instrument: true, jurisdiction: true,
      jurisdictionName: true, category: true, namedAccountIds: true, dateFrom: true, dateTo: true, dataTypes: true, dueAt: true, status: true, emergencyJustification: true,
      createdAt: true, nonDisclosureUntil: true, verifiedAt: true, verificationMethod: true, verificationPassed: true, verificationNote: true,
      receivedBy: { select: { id: true, name: true } },
      verifiedBy: { select: { name: true } },
      document: { select: { fileName: true, mediaType: true, size: true, sha256: true } },
      userNotice: { select: { id: true, dueAt: true, raisedAt: true, givenAt: true, note: true } },
      cases: { select: { id: true, number: true, basis: true, status: true }, orderBy: { number: "asc" } },
      holds: { select: { id: true, kind: true, placedAt: true, expiresAt: true, releasedAt: true, renewals: true, reason: true, accountIds: true }, orderBy: { placedAt: "asc" } },
    },
  });
  if (!r) throw new NotFoundError(DENIAL_REASONS.LEGAL_NOT_FOUND);
  const [accounts, redFlags, holds] = await Promise.all([
    db.platformAccount.findMany({ where: { id: { in: r.namedAccountIds } }, select: { id: true, handle: true }, orderBy: { handle: "asc" } }),
    loadRedFlags(db, { ...r, hasDocument: r.document !== null }),
    Promise.all(r.holds.map(async ({ accountIds, ...h }) => ({ ...h, reads: await readsUnderHold(db, { ...h, accountIds }) }))),
  ]);
  const open = isOpenLegalStatus(r.status);
  return {
    ...r,
    namedAccounts: accounts,
    disclosable: disclosableTypes(r.instrument, r.jurisdiction),
    overdue: open && r.dueAt.getTime() < now.getTime(),
    verification:
      r.verifiedAt && r.verifiedBy && r.verificationMethod && r.verificationPassed !== null
        ? { by: r.verifiedBy.name, at: r.verifiedAt, method: r.verificationMethod, passed: r.verificationPassed, note: r.verificationNote ?? "" }
        : null,
    redFlags,
    holds,
  };
}
