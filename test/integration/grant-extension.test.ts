import { afterAll, describe, expect, it, vi } from "vitest";
import { extendGrant } from "@/lib/access/extend-grant";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import { revokeGrant } from "@/lib/approvals/revoke-grant";
import type { StaffContext } from "@/lib/auth/staff-context";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb } from "@/lib/db";
import { MAX_GRANT_MINUTES, MINUTE } from "@/lib/policy/limits";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta, refused } from "./world";

// Extending a grant (ADR 030) from the attacker's side: someone else's grant, a guessed id,
// past the 4-hour cap, after expiry, after revocation or decision, without a fresh step-up,
// and many extensions at once. Every attempt, allowed or refused, is a GRANT_EXTENDED event;
// a refused one changes nothing.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff, currentStaffPassively: async () => signedIn.staff }));
const { POST } = await import("@/app/api/v1/grants/[grantId]/extend/route");

const WHY = "Reviewing the reported messages and their context";
const MORE = "Still reading the replies that followed the threat";

afterAll(() => disconnectDb());

async function holderWithGrant(opts: { stepUp?: boolean } = {}) {
  const reviewer = await makeStaff(["REVIEWER"], ["US", "EU"], opts);
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
  return { reviewer, world, grant };
}
// The first expiry is set from the server's clock, the start from the database's: they may differ by milliseconds.
const expectAtCap = (ms: number) => {
  expect(ms).toBeLessThanOrEqual(MAX_GRANT_MINUTES * MINUTE);
  expect(ms).toBeGreaterThan(MAX_GRANT_MINUTES * MINUTE - 1000);
};
const expiryOf = async (grantId: string) => (await getDb().accessGrant.findUniqueOrThrow({ where: { id: grantId }, select: { expiresAt: true } })).expiresAt;

function post(grantId: string, body: unknown, headers: Record<string, string> = {}) {
  const req = new Request(`http://localhost/api/v1/grants/${grantId}/extend`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", ...headers },
  });
  return POST(req, { params: Promise.resolve({ grantId }) });
}

describe("extending a grant", () => {
  it("adds 30 minutes to the expiry, logs GRANT_EXTENDED with before and after; the next read still works", async () => {
    const { reviewer, world, grant } = await holderWithGrant();
    const before = await lastSeq();
    const extended = await extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta);
    expect(Date.parse(extended.expiresAt) - Date.parse(grant.expiresAt)).toBe(30 * MINUTE);
    expect(extended.scopeFrom).toBe(grant.scopeFrom);
    const [event = null] = await eventsSince(before, world.caseId);
    expect([event?.action, event?.outcome, event?.grantId, event?.justification, event?.details]).toEqual([
      "GRANT_EXTENDED",
      "ALLOWED",
      grant.id,
      MORE,
      { before: grant.expiresAt, after: extended.expiresAt, startedAt: grant.createdAt, addedMinutes: 30 },
    ]);
    expect((await readCaseMessages(reviewer, { caseId: world.caseId }, meta)).grant.expiresAt).toBe(extended.expiresAt);
  });

  it("never past 4 hours from the start: the last step is short, the next refused with a clear message, logged, nothing changed", async () => {
    const { reviewer, world, grant } = await holderWithGrant();
    const start = Date.parse(grant.createdAt);
    let last = grant.expiresAt;
    for (let i = 0; i < 7; i++) last = (await extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta)).expiresAt;
    expectAtCap(Date.parse(last) - start);
    const before = await lastSeq();
    const err = await refused(extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta), "EXTENSION_CAP");
    expect(err.message).toMatch(/4-hour limit/);
    expect((await expiryOf(grant.id)).toISOString()).toBe(last);
    const [event = null] = await eventsSince(before, world.caseId);
    expect([event?.action, event?.outcome, event?.denialReason]).toEqual(["GRANT_EXTENDED", "DENIED", "EXTENSION_CAP"]);
  });

  it("an approved grant's 4 hours count from its approval, not from the request", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation({ messages: 100, reportedPosition: 50 });
    await assignTo(world.caseId, reviewer);
    const { grant: pending } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY, scope: { from: 10, to: 90 } }, meta);
    // The request waited two hours for a lead.
    await getDb().accessGrant.update({ where: { id: pending.id }, data: { createdAt: new Date(Date.now() - 120 * MINUTE) } });
    await decideOnRequest(await makeStaff(["LEAD"]), { grantId: pending.id, verdict: "approve" }, meta);
    const approvedAt = (await getDb().accessGrant.findUniqueOrThrow({ where: { id: pending.id } })).approvedAt!;
    let last = "";
    for (let i = 0; i < 7; i++) last = (await extendGrant(reviewer, { grantId: pending.id, justification: MORE }, meta)).expiresAt;
    expectAtCap(Date.parse(last) - approvedAt.getTime());
  });

  it("someone else's grant, a malformed and a guessed id are all the same 404 and change nothing", async () => {
    const { grant } = await holderWithGrant();
    const intruder = await makeStaff(["REVIEWER"]);
    await refused(extendGrant(intruder, { grantId: grant.id, justification: MORE }, meta), "NOT_FOUND", 404);
    await refused(extendGrant(intruder, { grantId: "0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f", justification: MORE }, meta), "NOT_FOUND", 404);
    expect((await expiryOf(grant.id)).toISOString()).toBe(grant.expiresAt);

    signedIn.staff = intruder;
    const theirs = await post(grant.id, { justification: MORE });
    const guessed = await post("0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f", { justification: MORE });
    expect([theirs.status, guessed.status]).toEqual([404, 404]);
    expect(await theirs.json()).toEqual(await guessed.json());
    // A malformed id names no grant either (lib/http/route-params.ts).
    const malformed = await post("not-a-grant", { justification: MORE });
    expect([malformed.status, await malformed.json()]).toEqual([404, await (await post(grant.id, { justification: MORE })).json()]);
    expect((await expiryOf(grant.id)).toISOString()).toBe(grant.expiresAt);
  });

  it("through the route: a short justification is a 400 at the field, no CSRF header a 403, an auditor a 403; the holder's 200", async () => {
    const { reviewer, grant } = await holderWithGrant();
    signedIn.staff = reviewer;
    const short = await post(grant.id, { justification: "more" });
    expect(short.status).toBe(400);
    expect(JSON.stringify(await short.json())).toMatch(/justification/);
    expect((await post(grant.id, { justification: MORE }, { "x-custody-request": "" })).status).toBe(403);
    signedIn.staff = await makeStaff(["AUDITOR"]);
    expect((await post(grant.id, { justification: MORE })).status).toBe(403);
    expect((await expiryOf(grant.id)).toISOString()).toBe(grant.expiresAt);
    signedIn.staff = reviewer;
    const ok = await post(grant.id, { justification: MORE });
    expect(ok.status).toBe(200);
    expect(Date.parse((await ok.json()).grant.expiresAt) - Date.parse(grant.expiresAt)).toBe(30 * MINUTE);
  });

  it("an expired, revoked or decided grant cannot be brought back", async () => {
    const expired = await holderWithGrant();
    await getDb().accessGrant.update({ where: { id: expired.grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await refused(extendGrant(expired.reviewer, { grantId: expired.grant.id, justification: MORE }, meta), "GRANT_EXPIRED");

    const revoked = await holderWithGrant();
    await revokeGrant(await makeStaff(["LEAD"]), { grantId: revoked.grant.id, reason: "Moved to another team" }, meta);
    await refused(extendGrant(revoked.reviewer, { grantId: revoked.grant.id, justification: MORE }, meta), "GRANT_ENDED");

    const decided = await holderWithGrant();
    const target = decided.world.accountIds[0];
    await decideCase(decided.reviewer, { caseId: decided.world.caseId, decision: "NO_VIOLATION", note: "Nothing found.", targetAccountId: target }, meta);
    await refused(extendGrant(decided.reviewer, { grantId: decided.grant.id, justification: MORE }, meta), "CASE_CLOSED");
  });

  it("needs a fresh step-up, and a case reassigned away stops the holder extending", async () => {
    const { reviewer, world, grant } = await holderWithGrant({ stepUp: false });
    await refused(extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta), "STEP_UP_REQUIRED");
    const fresh = { ...reviewer, stepUpAt: new Date() };
    await assignTo(world.caseId, await makeStaff(["REVIEWER"]));
    await refused(extendGrant(fresh, { grantId: grant.id, justification: MORE }, meta), "NOT_ASSIGNED");
    expect((await expiryOf(grant.id)).toISOString()).toBe(grant.expiresAt);
  });

  it("ten extensions at once queue on the grant: exactly seven fit under the cap, the rest are refused", async () => {
    const { reviewer, world, grant } = await holderWithGrant();
    const before = await lastSeq();
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(7);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["EXTENSION_CAP", "EXTENSION_CAP", "EXTENSION_CAP"]);
    expectAtCap((await expiryOf(grant.id)).getTime() - Date.parse(grant.createdAt));
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => e.outcome).sort()).toEqual([...Array(7).fill("ALLOWED"), ...Array(3).fill("DENIED")]);
  });

  it("a revocation racing an extension wins or loses whole: never a live grant after a revocation", async () => {
    const { reviewer, grant } = await holderWithGrant();
    const lead = await makeStaff(["LEAD"]);
    await Promise.allSettled([extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta), revokeGrant(lead, { grantId: grant.id, reason: "Handed to another team" }, meta)]);
    const row = await getDb().accessGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(row.status).toBe("ENDED");
    await refused(extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta), "GRANT_ENDED");
  });
});
