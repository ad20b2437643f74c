import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import { startRetentionRunner } from "@/lib/jobs/retention-runner";
import { USER_NOTICE_TASK, raiseUserNoticesDue } from "@/lib/jobs/user-notice-due";
import { listOpenUserNotices } from "@/lib/legal/user-notices";
import { eventsSince, lastSeq, makeLegalRequest, makeReportedConversation, makeStaff } from "./world";

// Tracking a legal request from the attacker's side, through the real route handlers: steps the
// status table does not have, approving one's own request, the wrong role, a guessed id; and the
// non-disclosure order's end raising a "user notice due" task on the real job runner, recorded
// once and only once.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { POST: statusRoute } = await import("@/app/api/v1/legal/requests/[requestId]/status/route");
const { POST: verifyRoute } = await import("@/app/api/v1/legal/requests/[requestId]/verification/route");
const { POST: noticeRoute } = await import("@/app/api/v1/legal/notices/[noticeId]/given/route");

const headers = { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", "user-agent": "vitest" };
const post = (url: string, body: unknown) => new Request(`http://localhost${url}`, { method: "POST", headers, body: JSON.stringify(body) });

async function call(as: StaffContext, route: typeof statusRoute, url: string, params: Record<string, string>, body: unknown) {
  signedIn.staff = as;
  const res = await route(post(url, body), { params: Promise.resolve(params) });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string }; status?: string; from?: string } };
}
const step = (as: StaffContext, requestId: string, body: unknown) => call(as, statusRoute, `/api/v1/legal/requests/${requestId}/status`, { requestId }, body);
const give = (as: StaffContext, noticeId: string, body: unknown) => call(as, noticeRoute, `/api/v1/legal/notices/${noticeId}/given`, { noticeId }, body);
const statusOf = async (id: string) => (await getDb().legalRequest.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

let taker: StaffContext;
let colleague: StaffContext;
let reviewer: StaffContext;
let accountId: string;

beforeAll(async () => {
  [taker, colleague, reviewer] = await Promise.all([makeStaff(["LEGAL"]), makeStaff(["LEGAL"]), makeStaff(["REVIEWER"])]);
  accountId = (await makeReportedConversation({ messages: 4, reportedPosition: 2 })).accountIds[0];
});

afterAll(async () => {
  await disconnectDb();
});

describe("status table", () => {
  it("received → verifying → verified → approved → closed, each step logged; approval is four-eyes", async () => {
    const r = await makeLegalRequest(taker.id, { namedAccountIds: [accountId] });
    const since = await lastSeq();

    expect(await step(taker, r.id, { to: "VERIFYING", note: "Calling the agency's published number" })).toMatchObject({ status: 200, body: { from: "RECEIVED", status: "VERIFYING" } });
    // Verification works from VERIFYING as from RECEIVED.
    signedIn.staff = colleague;
    const verified = await verifyRoute(post(`/api/v1/legal/requests/${r.id}/verification`, { method: "CALLBACK", passed: true, note: "Called the FBI field office number from fbi.gov" }), { params: Promise.resolve({ requestId: r.id }) });
    expect(verified.status, await verified.clone().text()).toBe(200);
    expect(await statusOf(r.id)).toBe("VERIFIED");

    // The taker may not approve their own request, even by calling the API.
    expect(await step(taker, r.id, { to: "APPROVED" })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_SELF_APPROVAL" } } });
    expect(await statusOf(r.id)).toBe("VERIFIED");
    // DISCLOSED is not a manual step: only building the package takes it.
    expect(await step(colleague, r.id, { to: "DISCLOSED" })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_BAD_TRANSITION" } } });
    expect(await step(colleague, r.id, { to: "APPROVED", note: "Scope matches the warrant" })).toMatchObject({ status: 200, body: { from: "VERIFIED", status: "APPROVED" } });
    expect(await step(taker, r.id, { to: "CLOSED", note: "Answered by post" })).toMatchObject({ status: 200, body: { status: "CLOSED" } });
    // Closed is final.
    for (const to of ["RECEIVED", "VERIFYING", "APPROVED", "CLOSED"]) {
      expect(await step(colleague, r.id, { to })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_BAD_TRANSITION" } } });
    }
    expect(await statusOf(r.id)).toBe("CLOSED");

    const events = (await eventsSince(since)).filter((e) => e.action === "LEGAL_REQUEST_STATUS_CHANGED");
    const summary = events.map((e) => [e.outcome, e.denialReason, (e.details as { from: string; to: string }).from, (e.details as { to: string }).to]);
    expect(summary).toEqual([
      ["ALLOWED", null, "RECEIVED", "VERIFYING"],
      ["DENIED", "LEGAL_SELF_APPROVAL", "VERIFIED", "APPROVED"],
      ["DENIED", "LEGAL_BAD_TRANSITION", "VERIFIED", "DISCLOSED"],
      ["ALLOWED", null, "VERIFIED", "APPROVED"],
      ["ALLOWED", null, "APPROVED", "CLOSED"],
      ["DENIED", "LEGAL_BAD_TRANSITION", "CLOSED", "RECEIVED"],
      ["DENIED", "LEGAL_BAD_TRANSITION", "CLOSED", "VERIFYING"],
      ["DENIED", "LEGAL_BAD_TRANSITION", "CLOSED", "APPROVED"],
      ["DENIED", "LEGAL_BAD_TRANSITION", "CLOSED", "CLOSED"],
    ]);
    expect(events.every((e) => e.accountIds.includes(accountId))).toBe(true);
  });

  it("a rejected request never comes back; a request cannot skip verification", async () => {
    const r = await makeLegalRequest(taker.id, { namedAccountIds: [accountId], status: "REJECTED" });
    expect(await step(colleague, r.id, { to: "RECEIVED" })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_BAD_TRANSITION" } } });
    const fresh = await makeLegalRequest(taker.id, { namedAccountIds: [accountId] });
    expect(await step(colleague, fresh.id, { to: "APPROVED" })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_BAD_TRANSITION" } } });
    expect(await step(colleague, fresh.id, { to: "VERIFIED" })).toMatchObject({ status: 403, body: { error: { code: "LEGAL_BAD_TRANSITION" } } });
    expect(await statusOf(fresh.id)).toBe("RECEIVED");
  });

  it("the wrong role is refused and logged; a guessed id is 404; bad input is 400; none of them changes anything", async () => {
    const r = await makeLegalRequest(taker.id, { namedAccountIds: [accountId] });
    const since = await lastSeq();
    expect(await step(reviewer, r.id, { to: "VERIFYING" })).toMatchObject({ status: 403, body: { error: { code: "ROLE" } } });
    expect((await eventsSince(since)).filter((e) => e.action === "ACCESS_DENIED" && e.denialReason === "ROLE")).toHaveLength(1);
    expect(await step(colleague, randomUUID(), { to: "VERIFYING" })).toMatchObject({ status: 404 });
    expect(await step(colleague, "not-a-uuid", { to: "VERIFYING" })).toMatchObject({ status: 404 });
    expect(await step(colleague, r.id, { to: "SHREDDED" })).toMatchObject({ status: 400 });
    expect(await step(colleague, r.id, { to: "VERIFYING", extra: 1 })).toMatchObject({ status: 400 });
    expect(await statusOf(r.id)).toBe("RECEIVED");
  });
});

describe("non-disclosure order: user notice due", () => {
  it("the job, run for real on the runner, raises a task for an ended order only, once; LEGAL records it once", async () => {
    const db = getDb();
    const ended = await makeLegalRequest(taker.id, { namedAccountIds: [accountId], nonDisclosureUntil: new Date(Date.now() - 86_400_000) });
    const running = await makeLegalRequest(taker.id, { namedAccountIds: [accountId], nonDisclosureUntil: new Date(Date.now() + 30 * 86_400_000) });
    const rejected = await makeLegalRequest(taker.id, { namedAccountIds: [accountId], nonDisclosureUntil: new Date(Date.now() - 86_400_000), status: "REJECTED" });
    const only = [ended.id, running.id, rejected.id];
    const runner = await startRetentionRunner({ connectionString: process.env.DATABASE_URL!, staleMs: 5000, log: () => {}, schedule: false });
    try {
      await db.$executeRaw`SELECT graphile_worker.add_job(${USER_NOTICE_TASK}, json_build_object('only', ${only}::text[]))`;
      await expect.poll(async () => db.legalUserNotice.count({ where: { requestId: ended.id } }), { timeout: 15_000 }).toBe(1);
      // A second run (the next slot, or a second runner) raises nothing new.
      await db.$executeRaw`SELECT graphile_worker.add_job(${USER_NOTICE_TASK}, json_build_object('only', ${only}::text[]))`;
      await expect.poll(async () => db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = ${USER_NOTICE_TASK}`.then((r) => r[0]!.n), { timeout: 15_000 }).toBe(0);
    } finally {
      await runner.stop();
    }
    expect(await db.legalUserNotice.count({ where: { requestId: { in: only } } })).toBe(1);
    expect((await raiseUserNoticesDue(db, { only })).raised).toEqual([]);

    const task = (await listOpenUserNotices(colleague)).find((t) => t.requestId === ended.id);
    expect(task).toMatchObject({ requestNumber: ended.number });
    const since = await lastSeq();

    // Wrong role, guessed id, a note too short: refused, nothing recorded.
    expect(await give(reviewer, task!.id, { note: "Told the user by email" })).toMatchObject({ status: 403, body: { error: { code: "ROLE" } } });
    expect(await give(colleague, randomUUID(), { note: "Told the user by email" })).toMatchObject({ status: 404 });
    expect(await give(colleague, task!.id, { note: "ok" })).toMatchObject({ status: 400 });
    expect((await db.legalUserNotice.findUniqueOrThrow({ where: { id: task!.id } })).givenAt).toBeNull();

    expect(await give(colleague, task!.id, { note: "Told the user by email on the order's end" })).toMatchObject({ status: 200 });
    // Double completion: refused, logged, the first record kept.
    expect(await give(taker, task!.id, { note: "Told the user again by letter" })).toMatchObject({ status: 409, body: { error: { code: "NOTICE_ALREADY_GIVEN" } } });
    const done = await db.legalUserNotice.findUniqueOrThrow({ where: { id: task!.id } });
    expect(done).toMatchObject({ givenById: colleague.id, note: "Told the user by email on the order's end" });
    expect((await listOpenUserNotices(colleague)).some((t) => t.id === task!.id)).toBe(false);

    const events = (await eventsSince(since)).filter((e) => e.action === "LEGAL_USER_NOTICE_GIVEN");
    expect(events.map((e) => [e.outcome, e.denialReason, e.actorId])).toEqual([
      ["ALLOWED", null, colleague.id],
      ["DENIED", "NOTICE_ALREADY_GIVEN", taker.id],
    ]);
    expect(events[0]!.details).toMatchObject({ noticeId: task!.id, requestId: ended.id, note: "Told the user by email on the order's end" });
    expect(events[0]!.accountIds).toEqual([accountId]);
  });
});
