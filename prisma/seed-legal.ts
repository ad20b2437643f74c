import type { Db } from "@/lib/db";
import { recordEvent } from "@/lib/log/events/record-event";
import { holdExpiry } from "@/lib/policy/holds";
import { createLegalRequest } from "./factories";

// The demo's legal requests, once: one verified (a warrant, with its case), one that failed
// verification (a forged emergency request from free mail), one received and awaiting a
// colleague, and a preservation request under a hold. Each is logged as the workspace would.

const DAY = 86_400_000;

export async function seedLegalRequests(db: Db, log: (m: string) => void) {
  if ((await db.legalRequest.count()) > 0) return;
  const [legal, legal2] = await Promise.all(["legal@custody.test", "legal2@custody.test"].map((email) => db.staff.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, roles: true } })));
  const accounts = await db.platformAccount.findMany({ where: { isProtected: false }, orderBy: { handle: "asc" }, take: 4, select: { id: true } });
  if (!legal || !legal2 || accounts.length < 4) return;
  const now = Date.now();
  const actor = (s: { id: string; email: string; roles: string[] }) => ({ id: s.id, email: s.email, roles: s.roles });
  const received = async (spec: Parameters<typeof createLegalRequest>[2]) => {
    const r = await createLegalRequest(db, legal.id, spec);
    const full = await db.legalRequest.findUniqueOrThrow({ where: { id: r.id }, select: { instrument: true, jurisdiction: true, dataTypes: true, dueAt: true, namedAccountIds: true } });
    await recordEvent(db, { actor: actor(legal), action: "LEGAL_REQUEST_RECEIVED", outcome: "ALLOWED", accountIds: full.namedAccountIds, details: { requestId: r.id, number: r.number, instrument: full.instrument, jurisdiction: full.jurisdiction, dataTypes: full.dataTypes, dueAt: full.dueAt.toISOString(), document: null } });
    return r;
  };
  const verified = async (id: string, passed: boolean, note: string, caseIds: string[] = []) => {
    await db.legalRequest.update({ where: { id }, data: { status: passed ? "VERIFIED" : "REJECTED", verifiedById: legal2.id, verifiedAt: new Date(), verificationMethod: "CALLBACK", verificationPassed: passed, verificationNote: note } });
    await recordEvent(db, { actor: actor(legal2), action: "LEGAL_REQUEST_VERIFIED", outcome: "ALLOWED", justification: note, details: { requestId: id, method: "CALLBACK", passed, note, redFlags: [], casesOpened: caseIds } });
  };

  const warrant = await received({ reference: "SW-26-0914", namedAccountIds: [accounts[0]!.id], dueAt: new Date(now + 10 * DAY), dateFrom: new Date("2025-01-01T00:00:00Z"), dateTo: new Date(now) });
  const conversation = await db.conversation.findFirst({ where: { participants: { some: { accountId: accounts[0]!.id } } }, select: { id: true } });
  const kase = conversation ? await db.case.create({ data: { basis: "LEGAL_REQUEST", category: "THREATS", priority: 3, conversationId: conversation.id, legalRequestId: warrant.id }, select: { id: true } }) : null;
  await verified(warrant.id, true, "Called the FBI field office on the number from fbi.gov; the agent confirmed the warrant", kase ? [kase.id] : []);

  const forged = await received({
    reference: "EDR-URGENT",
    authority: "Metro Police Department",
    officerName: "Det. J. Smith",
    officerEmail: "metro.police.detective@gmail.com",
    instrument: "EMERGENCY_DISCLOSURE",
    emergencyJustification: "Urgent, a life is at risk, send everything now",
    namedAccountIds: [accounts[1]!.id],
    dueAt: new Date(now + DAY),
  });
  await verified(forged.id, false, "The department's published switchboard has no Det. J. Smith; the request is forged");

  await received({ reference: "GJ-2026-1107", instrument: "SUBPOENA", dataTypes: ["ACCOUNT_FACTS"], namedAccountIds: [accounts[2]!.id], dueAt: new Date(now - 2 * DAY) });

  const preservation = await received({ reference: "2703F-0042", authority: "U.S. Attorney's Office, S.D.N.Y.", officerEmail: "ausa.lee@usdoj.gov", instrument: "PRESERVATION", dataTypes: ["CONTENT"], namedAccountIds: [accounts[3]!.id], dueAt: new Date(now + 30 * DAY) });
  const placedAt = new Date(now);
  const hold = await db.preservationHold.create({ data: { kind: "PRESERVATION", requestId: preservation.id, accountIds: [accounts[3]!.id], reason: "2703(f) letter 2703F-0042", placedById: legal.id, placedAt, expiresAt: holdExpiry("PRESERVATION", placedAt) }, select: { id: true, expiresAt: true } });
  await recordEvent(db, { actor: actor(legal), action: "HOLD_PLACED", outcome: "ALLOWED", accountIds: [accounts[3]!.id], details: { holdId: hold.id, kind: "PRESERVATION", requestId: preservation.id, reason: "2703(f) letter 2703F-0042", expiresAt: hold.expiresAt.toISOString() } });
  log("legal requests: 4 (verified, failed verification, awaiting verification and overdue, preservation under a hold)");
}
