import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { claimCase } from "@/lib/cases/claim-case";
import { disconnectDb, getDb } from "@/lib/db";
import { startRetentionRunner } from "@/lib/jobs/retention-runner";
import { SHRED_TASK, shredExpiredConversations } from "@/lib/jobs/shred-expired";
import { placeHold, releaseHold, renewHold } from "@/lib/legal/holds";
import { verifyLegalRequest } from "@/lib/legal/verify-request";
import { getLegalRequest } from "@/lib/legal/get-request";
import { eventsSince, lastSeq, makeLegalRequest, makeReportedConversation, makeStaff, meta, refused } from "./world";

// Legal requests from the attacker's side, through the real route handlers where a browser
// would call them: the wrong role, bad input, self-verification, content on a subpoena, a read
// outside the request's scope, a shred under a hold, a read after a shred.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { POST: intake } = await import("@/app/api/v1/legal/requests/route");
const { POST: verify } = await import("@/app/api/v1/legal/requests/[requestId]/verification/route");
const { GET: documentRoute } = await import("@/app/api/v1/legal/requests/[requestId]/document/route");
const { GET: messagesRoute } = await import("@/app/api/v1/cases/[caseId]/messages/route");

const headers = { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", "user-agent": "vitest" };
const post = (url: string, body: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers, body: JSON.stringify(body) });
const WHY = "Search warrant GJ-2026-0412, content of the named account";
const DOC = Buffer.from("%PDF-1.4 SEARCH WARRANT signed by Judge Ada Lovelace, unique-doc-marker-7f3a");

let taker: StaffContext;
let verifier: StaffContext;
let approver: StaffContext;
let world: Awaited<ReturnType<typeof makeReportedConversation>>;
let handles: string[];

function intakeBody(over: Record<string, unknown> = {}) {
  return {
    reference: "GJ-2026-0412",
    authority: "Federal Bureau of Investigation",
    officerName: "SA Dana Ortiz",
    officerEmail: "dortiz@fbi.gov",
    officerPhone: "+1 202 555 0100",
    instrument: "SEARCH_WARRANT",
    jurisdiction: "US",
    jurisdictionName: "N.D. Cal.",
    category: "THREATS",
    accountHandles: [handles[0]],
    dateFrom: "2026-10-01T10:09:00Z",
    dateTo: "2026-10-01T10:29:00Z",
    dataTypes: ["CONTENT"],
    dueAt: "2026-12-20T00:00:00Z",
    document: { fileName: "warrant.pdf", mediaType: "application/pdf", contentBase64: DOC.toString("base64") },
    ...over,
  };
}

async function takeIn(over: Record<string, unknown> = {}): Promise<string> {
  signedIn.staff = taker;
  const res = await intake(post("/api/v1/legal/requests", intakeBody(over)));
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { request: { id: string } }).request.id;
}

const params = (requestId: string) => ({ params: Promise.resolve({ requestId }) });

beforeAll(async () => {
  [taker, verifier, approver] = await Promise.all([makeStaff(["LEGAL"]), makeStaff(["LEGAL"]), makeStaff(["LEGAL"])]);
  world = await makeReportedConversation({ messages: 60 });
  handles = (await getDb().platformAccount.findMany({ where: { id: { in: world.accountIds } }, select: { id: true, handle: true } })).sort((a, b) => world.accountIds.indexOf(a.id) - world.accountIds.indexOf(b.id)).map((a) => a.handle);
});

afterAll(async () => {
  await disconnectDb();
});

describe("intake", () => {
  it("a reviewer may not take in a request (403, logged), and bad input is a 400 that writes nothing", async () => {
    const before = await getDb().legalRequest.count();
    signedIn.staff = await makeStaff(["REVIEWER"]);
    const seen = await lastSeq();
    expect((await intake(post("/api/v1/legal/requests", intakeBody()))).status).toBe(403);
    expect((await eventsSince(seen)).filter((e) => e.actorId === signedIn.staff!.id).map((e) => [e.action, e.denialReason])).toEqual([["ACCESS_DENIED", "ROLE"]]);
    signedIn.staff = taker;
    for (const bad of [
      { officerEmail: "not-an-email" },
      { dateFrom: "2026-10-02T00:00:00Z", dateTo: "2026-10-01T00:00:00Z" },
      { accountHandles: ["nobody_with_this_handle"] },
      { instrument: "EMERGENCY_DISCLOSURE" },
      { instrument: "LETTER_FROM_A_FRIEND" },
      { dataTypes: [] },
      { document: { fileName: "x.exe", mediaType: "application/x-msdownload", contentBase64: "AAAA" } },
      { document: { fileName: "w.pdf", mediaType: "application/pdf", contentBase64: "not base64!" } },
    ]) {
      const res = await intake(post("/api/v1/legal/requests", intakeBody(bad)));
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(5);
    }
    expect(await getDb().legalRequest.count()).toBe(before);
  });

  it("the document is stored encrypted and read back only by LEGAL, logged first", async () => {
    const id = await takeIn();
    const row = await getDb().legalDocument.findUniqueOrThrow({ where: { requestId: id } });
    expect(Buffer.from(row.ciphertext).includes(Buffer.from("unique-doc-marker-7f3a"))).toBe(false);
    expect(Buffer.from(row.ciphertext).length).toBe(DOC.length + 16);
    signedIn.staff = await makeStaff(["REVIEWER"]);
    expect((await documentRoute(new Request(`http://localhost/api/v1/legal/requests/${id}/document`, { headers }), params(id))).status).toBe(403);
    signedIn.staff = verifier;
    const seen = await lastSeq();
    const res = await documentRoute(new Request(`http://localhost/api/v1/legal/requests/${id}/document`, { headers }), params(id));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(DOC)).toBe(true);
    const events = await eventsSince(seen);
    expect(events.map((e) => [e.action, e.outcome])).toEqual([["LEGAL_DOCUMENT_READ", "ALLOWED"]]);
  });
});

describe("four-eyes verification", () => {
  it("the colleague who took it in is refused (403, logged); another verifies once; the cases open", async () => {
    const id = await takeIn();
    signedIn.staff = taker;
    const seen = await lastSeq();
    const self = await verify(post(`/api/v1/legal/requests/${id}/verification`, { method: "CALLBACK", passed: true, note: "Called the FBI field office on its published number" }), params(id));
    expect(self.status).toBe(403);
    expect(((await self.json()) as { error: { code: string } }).error.code).toBe("LEGAL_SELF_VERIFICATION");
    expect((await eventsSince(seen)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["LEGAL_REQUEST_VERIFIED", "DENIED", "LEGAL_SELF_VERIFICATION"]]);
    signedIn.staff = verifier;
    const ok = await verify(post(`/api/v1/legal/requests/${id}/verification`, { method: "CALLBACK", passed: true, note: "Called the FBI field office on its published number" }), params(id));
    expect(ok.status).toBe(200);
    const { status, caseIds } = (await ok.json()) as { status: string; caseIds: string[] };
    expect(status).toBe("VERIFIED");
    const cases = await getDb().case.findMany({ where: { id: { in: caseIds } }, select: { conversationId: true, basis: true } });
    expect(cases).toContainEqual({ conversationId: world.conversationId, basis: "LEGAL_REQUEST" });
    await refused(verifyLegalRequest(approver, id, { method: "PORTAL", passed: true, note: "Checked again on the portal" }, meta), "LEGAL_NOT_VERIFIABLE");
    const bad = await verify(post(`/api/v1/legal/requests/${id}/verification`, { method: "TELEPATHY", passed: true, note: "x" }), params(id));
    expect(bad.status).toBe(400);
  });

  it("a failed verification rejects the request, and the sender's next request carries a red flag", async () => {
    const id = await takeIn({ officerEmail: "chief.police.dept@gmail.com", authority: `Springfield PD ${Date.now()}` });
    const page = await getLegalRequest(verifier, id);
    expect(page.redFlags).toEqual(expect.arrayContaining(["FREE_MAIL", "NEW_AGENCY"]));
    const { status, caseIds } = await verifyLegalRequest(verifier, id, { method: "CALLBACK", passed: false, note: "The department's published number knows no such officer" }, meta);
    expect([status, caseIds]).toEqual(["REJECTED", []]);
    const next = await takeIn({ officerEmail: "chief.police.dept@gmail.com", instrument: "SUBPOENA", document: undefined });
    expect((await getLegalRequest(verifier, next)).redFlags).toEqual(expect.arrayContaining(["FREE_MAIL", "PRIOR_FAILED", "NO_DOCUMENT"]));
  });
});

/** A verified request's case for the world's conversation, claimed by `taker`. */
async function verifiedCase(over: Record<string, unknown>): Promise<{ requestId: string; caseId: string }> {
  const requestId = await takeIn(over);
  const { caseIds } = await verifyLegalRequest(verifier, requestId, { method: "PORTAL", passed: true, note: "Confirmed on the agency's law-enforcement portal" }, meta);
  const kase = await getDb().case.findFirstOrThrow({ where: { id: { in: caseIds }, conversationId: world.conversationId }, select: { id: true } });
  await claimCase(taker, kase.id, meta);
  return { requestId, caseId: kase.id };
}

describe("grants scoped by the request", () => {
  it("content is refused on a subpoena (the legal-basis table), and logged", async () => {
    const { caseId } = await verifiedCase({ instrument: "SUBPOENA", dataTypes: ["ACCOUNT_FACTS"] });
    const seen = await lastSeq();
    await refused(requestGrant(taker, { caseId, purpose: "LEGAL_PROCESS", justification: WHY }, meta), "LEGAL_BASIS");
    expect((await eventsSince(seen, caseId)).map((e) => [e.action, e.denialReason])).toEqual([["GRANT_REQUESTED", "LEGAL_BASIS"]]);
  });

  it("a warrant's grant covers the date range only; a read outside it is denied and logged", async () => {
    const { caseId, requestId } = await verifiedCase({});
    await placeHold(taker, { kind: "PRESERVATION", reason: "Preserve while the warrant is answered", requestId }, meta);
    const { status, grant } = await requestGrant(taker, { caseId, purpose: "LEGAL_PROCESS", justification: WHY }, meta);
    expect([status, grant.scopeFrom, grant.scopeTo]).toEqual([202, 10, 30]);
    await refused(decideOnRequest(taker, { grantId: grant.id, verdict: "approve" }, meta), "SELF_APPROVAL");
    await decideOnRequest(approver, { grantId: grant.id, verdict: "approve" }, meta);
    expect((await readCaseMessages(taker, { caseId }, meta)).messages.map((m) => m.position)).toEqual(Array.from({ length: 21 }, (_, i) => i + 10));
    const seen = await lastSeq();
    await refused(readCaseMessages(taker, { caseId, messageIds: [world.messageIds[40]!] }, meta), "OUT_OF_SCOPE");
    expect((await eventsSince(seen, caseId)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["CONTENT_READ", "DENIED", "OUT_OF_SCOPE"]]);
    // 2258A(h)(3): the hold list names who read held material, under which grant, from the log.
    const reads = (await getLegalRequest(verifier, requestId)).holds[0]!.reads;
    expect(reads.find((r) => r.grantId === grant.id)).toMatchObject({ actorEmail: taker.email, messages: 21 });
  });
});

describe("emergency disclosure requests", () => {
  it("a verified EDR opens EMERGENCY cases; a window beyond 72 h is refused, a shorter one awaits a lead's approval and post-hoc review", async () => {
    const requestId = await takeIn({ instrument: "EMERGENCY_DISCLOSURE", emergencyJustification: "Credible threat to kill a named person tonight" });
    const { caseIds } = await verifyLegalRequest(verifier, requestId, { method: "CALLBACK", passed: true, note: "Called the duty sergeant via the agency's switchboard" }, meta);
    const kase = await getDb().case.findFirstOrThrow({ where: { id: { in: caseIds }, conversationId: world.conversationId }, select: { id: true, basis: true, priority: true } });
    expect([kase.basis, kase.priority]).toEqual(["EMERGENCY", 1]);
    await claimCase(taker, kase.id, meta);
    const sentFrom = new Date("2026-10-01T10:00:00Z");
    await refused(requestGrant(taker, { caseId: kase.id, purpose: "EMERGENCY", justification: WHY, scope: { sentFrom, sentTo: new Date(sentFrom.getTime() + 73 * 3600_000) } }, meta), "WINDOW_TOO_WIDE");
    await refused(requestGrant(taker, { caseId: kase.id, purpose: "LEGAL_PROCESS", justification: WHY }, meta), "PURPOSE_MISMATCH");
    const { status, grant } = await requestGrant(taker, { caseId: kase.id, purpose: "EMERGENCY", justification: WHY, scope: { sentFrom, sentTo: new Date(sentFrom.getTime() + 10 * 60_000) } }, meta);
    expect([status, grant.scopeFrom, grant.scopeTo]).toEqual([202, 1, 11]);
  });
});

describe("holds and crypto-shredding", () => {
  const future = new Date("2029-01-01T00:00:00Z");

  it("a hold blocks the shred; once released the sweep shreds, logs KEY_SHREDDED, and a read answers 410 (logged)", async () => {
    const { caseId, requestId } = await verifiedCase({});
    const { grant } = await requestGrant(taker, { caseId, purpose: "LEGAL_PROCESS", justification: WHY }, meta);
    await decideOnRequest(approver, { grantId: grant.id, verdict: "approve" }, meta);
    // Simulated clock: placed 2028-10-01 (90 days), renewed once, the sweep runs at 2029-01-01.
    const hold = await placeHold(taker, { kind: "PRESERVATION", reason: "2703(f) letter, renewed by the agency", requestId }, meta, new Date("2028-10-01T00:00:00Z"));
    await refused(releaseHold(taker, hold.id, "Too early: the minimum has not run", meta, new Date("2028-11-01T00:00:00Z")), "HOLD_MINIMUM");
    await renewHold(taker, hold.id, meta, new Date("2028-12-01T00:00:00Z"));
    expect((await shredExpiredConversations(getDb(), { now: future, only: [world.conversationId] })).shredded).toBe(0);
    expect(await getDb().conversationKey.count({ where: { conversationId: world.conversationId } })).toBeGreaterThan(0);
    await refused(renewHold(taker, hold.id, meta, new Date("2028-12-02T00:00:00Z")), "HOLD_NO_RENEWAL");
    await releaseHold(taker, hold.id, "The agency withdrew its preservation request", meta, future);
    const seen = await lastSeq();
    const swept = await shredExpiredConversations(getDb(), { now: future, only: [world.conversationId] });
    expect(swept.conversationIds).toEqual([world.conversationId]);
    expect(await getDb().conversationKey.count({ where: { conversationId: world.conversationId } })).toBe(0);
    expect((await eventsSince(seen)).filter((e) => e.conversationId === world.conversationId).map((e) => e.action)).toEqual(["KEY_SHREDDED"]);
    const before = await lastSeq();
    signedIn.staff = taker;
    const res = await messagesRoute(new Request(`http://localhost/api/v1/cases/${caseId}/messages`, { headers }), { params: Promise.resolve({ caseId }) });
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("SHREDDED");
    expect((await eventsSince(before, caseId)).map((e) => [e.action, e.outcome, e.denialReason])).toEqual([["CONTENT_READ", "DENIED", "SHREDDED"]]);
    // A second sweep finds nothing more to do.
    expect((await shredExpiredConversations(getDb(), { now: future, only: [world.conversationId] })).shredded).toBe(0);
  });

  it("a preservation request's hold renews once; an NDO cannot hold anything", async () => {
    const w = await makeReportedConversation({ messages: 5, reportedPosition: 2 });
    const request = await makeLegalRequest(taker.id, { instrument: "PRESERVATION", namedAccountIds: [w.accountIds[0]] });
    const t0 = new Date("2026-12-01T00:00:00Z");
    const hold = await placeHold(taker, { kind: "PRESERVATION", reason: "2703(f) letter of 2026-12-01", requestId: request.id }, meta, t0);
    expect(hold.expiresAt.toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect((await renewHold(taker, hold.id, meta, new Date("2027-02-01T00:00:00Z"))).expiresAt.toISOString()).toBe("2027-05-30T00:00:00.000Z");
    await refused(renewHold(taker, hold.id, meta, new Date("2027-02-02T00:00:00Z")), "HOLD_NO_RENEWAL");
    const ndo = await makeLegalRequest(taker.id, { instrument: "NON_DISCLOSURE_ORDER", namedAccountIds: [w.accountIds[0]] });
    await refused(placeHold(taker, { kind: "PRESERVATION", reason: "an NDO is not a preservation request", requestId: ndo.id }, meta), "HOLD_NOT_ALLOWED");
    const reviewer = await makeStaff(["REVIEWER"]);
    await refused(placeHold(reviewer, { kind: "PRESERVATION", reason: "a reviewer tries to hold", requestId: request.id }, meta), "ROLE");
  });

  it("the sweep runs as a job on the real job runner (graphile-worker): an expired, unheld conversation is shredded and logged", async () => {
    const w = await makeReportedConversation({ messages: 4, reportedPosition: 2 });
    const db = getDb();
    // Two years old: past the US retention of 365 days at the real clock the job uses.
    await db.message.updateMany({ where: { conversationId: w.conversationId }, data: { sentAt: new Date(Date.now() - 730 * 86_400_000) } });
    const runner = await startRetentionRunner({ connectionString: process.env.DATABASE_URL!, staleMs: 5000, log: () => {}, schedule: false });
    try {
      await db.$executeRaw`SELECT graphile_worker.add_job(${SHRED_TASK}, json_build_object('only', json_build_array(${w.conversationId}::text)))`;
      await expect.poll(async () => (await db.conversation.findUniqueOrThrow({ where: { id: w.conversationId }, select: { shreddedAt: true } })).shreddedAt, { timeout: 15_000 }).not.toBeNull();
    } finally {
      await runner.stop();
    }
    expect(await db.conversationKey.count({ where: { conversationId: w.conversationId } })).toBe(0);
    const events = await db.accessEvent.findMany({ where: { action: "KEY_SHREDDED", conversationId: w.conversationId }, select: { accountIds: true, details: true } });
    expect(events).toHaveLength(1);
    expect([...events[0]!.accountIds].sort()).toEqual([...w.accountIds].sort());
    expect(events[0]!.details).toMatchObject({ retentionDays: 365, keysDeleted: 1, region: "US" });
  });
});

