import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import type { StaffContext } from "@/lib/auth/staff-context";
import { accountAccessReport } from "@/lib/audit/account-report/account-report";
import { exportAccountReportCsv } from "@/lib/audit/account-report/export-account-report";
import { readActivity } from "@/lib/audit/activity/read-activity";
import { findAnomalies } from "@/lib/audit/anomalies/find-anomalies";
import { getAuditEventDetail } from "@/lib/audit/search/event-detail";
import { recentExports } from "@/lib/audit/export/recent-exports";
import { searchAuditEvents } from "@/lib/audit/search/search-events";
import { staffEmailsForAudit } from "@/lib/audit/search/staff-directory";
import { verificationStatus } from "@/lib/audit/verification/verification-status";
import { disconnectDb, getDb } from "@/lib/db";
import type { Role } from "@/lib/policy/roles";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";

// The auditor workspace from the attacker's side: every route and every page's data function
// refuses every role but AUDITOR (conflicting role sets included), and nothing any of them
// returns to an auditor contains a word of message text — even about a thread that was read.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { GET: searchRoute } = await import("@/app/api/v1/audit/events/route");
const { GET: reportRoute } = await import("@/app/api/v1/audit/account-report/route");
const { POST: verifyRoute } = await import("@/app/api/v1/audit/verify/route");

let auditor: StaffContext;
let world: Awaited<ReturnType<typeof makeReportedConversation>>;
let handle: string;
let readSeq: string;

const req = (url: string, init: RequestInit = {}) => new Request(`http://localhost${url}`, { ...init, headers: { "user-agent": "vitest", host: "localhost", ...init.headers } });
const verifyReq = () => req("/api/v1/audit/verify", { method: "POST", headers: { "x-custody-request": "1", origin: "http://localhost" } });
async function as(staff: StaffContext | null, r: () => Promise<Response>) {
  signedIn.staff = staff;
  const res = await r();
  return { status: res.status, text: await res.text() };
}

// AUDITOR with a content role is a conflict the policy refuses outright (AUDITOR + ADMIN is not).
const NON_AUDITORS = ([["REVIEWER"], ["LEAD"], ["LEGAL"], ["ADMIN"], ["REVIEWER", "LEAD"], ["AUDITOR", "REVIEWER"], ["AUDITOR", "LEGAL"], []] as Role[][]).map((roles) => ({
  roles,
  name: roles.join("+") || "no role",
}));

/** A signed-in staff context with any role set, even one the staff admin would refuse to save. */
async function staffWith(roles: Role[]): Promise<StaffContext> {
  const base = await makeStaff(roles.filter((r) => r !== "AUDITOR").slice(0, 1) as Role[]);
  return { ...base, roles };
}

beforeAll(async () => {
  auditor = await makeStaff(["AUDITOR"]);
  world = await makeReportedConversation();
  handle = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: world.accountIds[0] }, select: { handle: true } })).handle;
  // A real read through the one path to plaintext, so the log holds a genuine CONTENT_READ.
  const reviewer = await makeStaff(["REVIEWER"]);
  await assignTo(world.caseId, reviewer);
  await getDb().accessGrant.create({
    data: { staffId: reviewer.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: "Reviewing the reported messages in context", scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt: new Date(Date.now() + 30 * 60_000) },
  });
  const read = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
  expect(read.messages.length).toBeGreaterThan(0);
  readSeq = read.eventSeq;
});

afterAll(disconnectDb);

describe("only auditors", () => {
  it("routes answer 401 without a session", async () => {
    expect((await as(null, () => searchRoute(req("/api/v1/audit/events")))).status).toBe(401);
    expect((await as(null, () => reportRoute(req(`/api/v1/audit/account-report?account=${handle}`)))).status).toBe(401);
    expect((await as(null, () => verifyRoute(verifyReq()))).status).toBe(401);
  });

  it.each(NON_AUDITORS)("routes refuse $name with 403 and no data", async ({ roles }) => {
    const staff = await staffWith(roles);
    for (const call of [() => searchRoute(req("/api/v1/audit/events")), () => reportRoute(req(`/api/v1/audit/account-report?account=${handle}`)), () => verifyRoute(verifyReq())]) {
      const res = await as(staff, call);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.text)).toEqual({ error: { code: expect.stringMatching(/^(ROLE|ROLE_CONFLICT)$/), message: expect.any(String) } });
    }
  });

  it.each(NON_AUDITORS)("page data functions refuse $name", async ({ roles }) => {
    const staff = await staffWith(roles);
    const calls: (() => Promise<unknown>)[] = [
      () => searchAuditEvents(staff, {}),
      () => findAnomalies(staff, { days: 1 }),
      () => readActivity(staff, { days: 7 }),
      () => accountAccessReport(staff, { account: handle }),
      () => exportAccountReportCsv(staff, { account: handle }, meta),
      () => getAuditEventDetail(staff, readSeq),
      () => verificationStatus(staff),
      () => recentExports(staff),
      () => staffEmailsForAudit(staff),
    ];
    for (const call of calls) await expect(call()).rejects.toMatchObject({ status: 403 });
  });

  it("a verification needs the same-origin marker (CSRF)", async () => {
    const res = await as(auditor, () => verifyRoute(req("/api/v1/audit/verify", { method: "POST" })));
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).error.code).toBe("CSRF");
  });

  it("malformed input is a 400, never a 500", async () => {
    for (const q of ["action=NOPE", "from=yesterday", "q=ab", "cursor=abc", "case=%27%3B--", "limit=0"]) expect((await as(auditor, () => searchRoute(req(`/api/v1/audit/events?${q}`)))).status, q).toBe(400);
    for (const q of ["", "account=x&from=never"]) expect((await as(auditor, () => reportRoute(req(`/api/v1/audit/account-report?${q}`)))).status, q).toBe(400);
    expect((await as(auditor, () => reportRoute(req("/api/v1/audit/account-report?account=%40no_such_account_here")))).status).toBe(404);
  });
});

describe("never message text", () => {
  it("no route or page function returns a word of the thread that was read", async () => {
    const outputs: string[] = [];
    const search = await as(auditor, () => searchRoute(req(`/api/v1/audit/events?case=${world.caseId}`)));
    expect(search.status).toBe(200);
    expect(JSON.parse(search.text).items.map((e: { seq: string }) => e.seq)).toContain(readSeq);
    const csv = await as(auditor, () => reportRoute(req(`/api/v1/audit/account-report?account=${handle}`)));
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(readSeq);
    const verify = await as(auditor, () => verifyRoute(verifyReq()));
    expect(verify.status).toBe(200);
    expect(verify.text.trim().split("\n").at(-1)).toMatch(/"type":"(result|error)"/);
    outputs.push(search.text, csv.text, verify.text);
    for (const value of [
      await searchAuditEvents(auditor, { account: handle }),
      await getAuditEventDetail(auditor, readSeq),
      await accountAccessReport(auditor, { account: handle }),
      await findAnomalies(auditor, { days: 90 }),
      await readActivity(auditor, { days: 90 }),
      await verificationStatus(auditor),
      await recentExports(auditor),
    ]) outputs.push(JSON.stringify(value));
    const all = outputs.join("\n");
    expect(all).toContain(world.messageIds[19]!); // the reported message's id is there…
    for (const text of world.texts) expect(all).not.toContain(text); // …its words are not
    expect(all).not.toMatch(/secret message \d+ of conversation/);
    expect(all).not.toMatch(/ciphertext|wrapped_?key/i);
  });
});
