import { randomBytes } from "node:crypto";
import type { StaffContext } from "@/lib/auth/staff-context";
import { createSession, resolveSession } from "@/lib/auth/session-store";
import { getDb } from "@/lib/db";
import { pushAccounts, pushMessages, pushReport } from "@/lib/intake/push";
import type { Region, Role } from "@/lib/policy/roles";
import { createLegalRequest, type LegalRequestSpec, upsertStaff } from "@/prisma/factories";

// Builds a small, isolated world per test through the real ingestion code: staff in every
// role, a conversation of encrypted messages, and a user report that opened a case.

export const meta = { requestId: "test", ipHmac: null, userAgent: "vitest" };

export function uid() {
  return randomBytes(5).toString("hex");
}

/**
 * A staff member signed in through a real server-side session. By default the session has
 * just passed the TOTP step-up, so tests about something else are not refused for lacking it.
 */
export async function makeStaff(roles: Role[], regions: Region[] = ["US", "EU"], opts: { stepUp?: boolean; totpSecret?: string } = {}): Promise<StaffContext> {
  const s = await upsertStaff(getDb(), { email: `${roles.join("-").toLowerCase() || "none"}-${uid()}@custody.test`, name: `Test ${roles.join("/")}`, roles, regions, password: "pw-for-tests", totpSecret: opts.totpSecret });
  return signInAs(s.id, { stepUp: opts.stepUp ?? true });
}

/** A new session for an existing staff member, as the sign-in would create it. */
export async function signInAs(staffId: string, opts: { stepUp?: boolean } = {}): Promise<StaffContext> {
  const sid = await createSession(getDb(), staffId);
  if (opts.stepUp) await getDb().staffSession.update({ where: { id: sid }, data: { stepUpAt: new Date() } });
  const staff = await resolveSession(sid);
  if (!staff) throw new Error("session did not resolve");
  return staff;
}

export type World = {
  caseId: string;
  conversationId: string;
  messageIds: string[]; // by position - 1
  texts: string[];
  reportedPosition: number;
};

export type WorldOptions = { messages?: number; reportedPosition?: number; region?: Region; secondRegion?: Region; secondProtected?: boolean };

export async function makeReportedConversation(opts: WorldOptions = {}): Promise<World & { accountIds: [string, string] }> {
  const db = getDb();
  const n = opts.messages ?? 40;
  const reportedPosition = opts.reportedPosition ?? 20;
  const id = uid();
  const a = { id: `acct-a-${id}`, handle: `alex_${id}`, displayName: "Alex", dataRegion: opts.region ?? "US", minor: false, protected: false, protectedKind: null } as const;
  const b = { ...a, id: `acct-b-${id}`, handle: `blake_${id}`, displayName: "Blake", dataRegion: opts.secondRegion ?? opts.region ?? "US", protected: opts.secondProtected ?? false, protectedKind: opts.secondProtected ? "journalist" : null } as const;
  await pushAccounts(db, { accounts: [a, b] });
  const texts = Array.from({ length: n }, (_, i) => `secret message ${i + 1} of conversation ${id} ${randomBytes(4).toString("hex")}`);
  const start = Date.parse("2026-10-01T10:00:00Z");
  const convExt = `conv-${id}`;
  await pushMessages(db, {
    conversations: [{ id: convExt, participantIds: [a.id, b.id] }],
    messages: texts.map((text, i) => ({ id: `msg-${id}-${i + 1}`, conversationId: convExt, senderId: i % 2 ? b.id : a.id, sentAt: new Date(start + i * 60_000).toISOString(), text })),
  });
  const reportedSender = reportedPosition % 2 === 0 ? b.id : a.id;
  const reporter = reportedSender === a.id ? b.id : a.id;
  const { caseId } = await pushReport(db, {
    id: `rep-${id}`,
    reporterId: reporter,
    conversationId: convExt,
    messageIds: [`msg-${id}-${reportedPosition}`],
    category: "HARASSMENT",
    text: "They keep insulting me after I asked them to stop.",
  });
  const conv = await db.conversation.findUniqueOrThrow({ where: { externalId: convExt }, select: { id: true, messages: { orderBy: { position: "asc" }, select: { id: true } } } });
  const accounts = await db.platformAccount.findMany({ where: { externalId: { in: [a.id, b.id] } }, select: { id: true, externalId: true } });
  const accountId = (ext: string) => accounts.find((x) => x.externalId === ext)!.id;
  return { caseId, conversationId: conv.id, messageIds: conv.messages.map((m) => m.id), texts, reportedPosition, accountIds: [accountId(a.id), accountId(b.id)] };
}

/** A case claimed by `staff`, as the claim would leave it. */
export async function assignTo(caseId: string, staff: { id: string }) {
  await getDb().case.update({ where: { id: caseId }, data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() } });
}

/** Expects a lib call to be refused with this code (and returns the error). */
export async function refused(p: Promise<unknown>, code: string, status = 403) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error(`expected a refusal ${code}, but the call succeeded`);
  const { code: got, status: gotStatus } = err as Error & { code?: string; status?: number };
  if (got !== code || gotStatus !== status) throw new Error(`expected ${status} ${code}, got ${gotStatus} ${got}: ${err.message}`);
  return err;
}

/**
 * Expects a case to be hidden from the caller: refused exactly as a case that does not exist
 * (404 CASE_NOT_FOUND, lib/policy/case-secrecy.ts). Check the log for the true reason.
 */
export function hiddenCase(p: Promise<unknown>) {
  return refused(p, "CASE_NOT_FOUND", 404);
}

/** Events written for a case since a sequence number, oldest first. */
export async function eventsSince(seq: bigint, caseId?: string) {
  return getDb().accessEvent.findMany({ where: { seq: { gt: seq }, ...(caseId ? { caseId } : {}) }, orderBy: { seq: "asc" } });
}

export async function lastSeq(): Promise<bigint> {
  const r = await getDb().accessEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  return r?.seq ?? 0n;
}

/** A legal request taken in by `receivedById` (no document, not verified). */
export function makeLegalRequest(receivedById: string, spec: LegalRequestSpec = {}) {
  return createLegalRequest(getDb(), receivedById, spec);
}
