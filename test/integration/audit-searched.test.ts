import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { accountAccessReport } from "@/lib/audit/account-report/account-report";
import { exportAccountReportCsv } from "@/lib/audit/account-report/export-account-report";
import { disconnectDb, getDb } from "@/lib/db";
import { type LogDb, TEST_ORIGIN, dropTemplate, freshLogDb } from "./audit-log-db";
import { insertEvent, makeAccount } from "./audit-fixtures";
import { makeStaff } from "./world";

// Who watches the watchers: an auditor's look at the log is itself in the log. Each page of
// the search (API and workspace page share searchAuditEvents) and each account-report lookup
// is one AUDIT_SEARCHED event with the filters as given; a search that cannot be logged shows
// nothing. On a database of its own, because one test revokes INSERT on access_event.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));
const { GET: searchRoute } = await import("@/app/api/v1/audit/events/route");

let d: LogDb;
let auditor: StaffContext;
let reviewer: StaffContext;
let account: { id: string; handle: string };

const get = (url: string) => new Request(`http://localhost${url}`, { headers: { "user-agent": "vitest-auditor", "x-request-id": "search-1" } });
async function search(staff: StaffContext, query: string): Promise<Response> {
  signedIn.staff = staff;
  return searchRoute(get(`/api/v1/audit/events?${query}`));
}
const searches = () => getDb().accessEvent.findMany({ where: { action: "AUDIT_SEARCHED" }, orderBy: { seq: "asc" } });

beforeAll(async () => {
  d = await freshLogDb();
  Object.assign(process.env, { DATABASE_URL: d.appUrl, CUSTODY_CHECKPOINT_DIR: d.config.checkpointDir, CUSTODY_SIGNING_KEY: d.config.signingKeyEnv, CUSTODY_LOG_ORIGIN: TEST_ORIGIN });
  auditor = await makeStaff(["AUDITOR"]);
  reviewer = await makeStaff(["REVIEWER"]);
  account = await makeAccount();
  const asReviewer = { id: reviewer.id, email: reviewer.email, roles: ["REVIEWER"] };
  for (let i = 0; i < 3; i++) await insertEvent({ at: new Date(Date.UTC(2026, 5, 10, 12, i)), actor: asReviewer, accountIds: [account.id], purpose: "USER_REPORT", justification: `read ${i}` });
});

afterAll(async () => {
  await disconnectDb();
  await d.drop();
  await dropTemplate();
});

describe("AUDIT_SEARCHED", () => {
  it("logs each page of a search with its filters, cursor and counts, after the rows are read", async () => {
    const first = await search(auditor, `actor=${encodeURIComponent(reviewer.email)}&action=CONTENT_READ&limit=2`);
    expect(first.status).toBe(200);
    const page = (await first.json()) as { items: { seq: string; action: string }[]; nextCursor: string };
    expect(page.items.map((e) => e.action)).toEqual(["CONTENT_READ", "CONTENT_READ"]);
    let events = await searches();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: auditor.id,
      actorEmail: auditor.email,
      outcome: "ALLOWED",
      requestId: "search-1",
      userAgent: "vitest-auditor",
      accountIds: [],
      details: { view: "log", filters: { actor: reviewer.email, action: "CONTENT_READ" }, cursor: null, limit: 2, returned: 2, more: true, unmatched: null },
    });

    // The next page is an event of its own, naming the cursor it continued from.
    expect((await search(auditor, `actor=${encodeURIComponent(reviewer.email)}&action=CONTENT_READ&limit=2&cursor=${page.nextCursor}`)).status).toBe(200);
    events = await searches();
    expect(events[1]!.details).toEqual({ view: "log", filters: { actor: reviewer.email, action: "CONTENT_READ" }, cursor: page.nextCursor, limit: 2, returned: 1, more: false, unmatched: null });

    // A search never finds itself: an unfiltered search shows the earlier searches, not its own event.
    const all = (await (await search(auditor, "action=AUDIT_SEARCHED")).json()) as { items: { seq: string }[] };
    events = await searches();
    expect(all.items.map((e) => e.seq)).toEqual([events[1]!.seq, events[0]!.seq].map(String));
    expect(events).toHaveLength(3);
  });

  it("logs a search whose filter matched nothing, saying which", async () => {
    const res = await search(auditor, "actor=nobody-at-all");
    expect(res.status).toBe(200);
    const last = (await searches()).at(-1)!;
    expect(last.details).toMatchObject({ view: "log", filters: { actor: "nobody-at-all" }, returned: 0, more: false, unmatched: expect.stringMatching(/No /) });
  });

  it("logs an account-report lookup against the account, and the CSV export only as AUDIT_EXPORTED", async () => {
    const meta = { requestId: "report-1", ipHmac: null, userAgent: "vitest" };
    const report = (await accountAccessReport(auditor, { account: `@${account.handle}`, from: "2026-06-10" }, meta))!;
    expect(report.total).toBe(3);
    const last = (await searches()).at(-1)!;
    expect(last).toMatchObject({ actorId: auditor.id, accountIds: [account.id], requestId: "report-1" });
    expect(last.details).toEqual({ view: "account-report", filters: { account: `@${account.handle}`, from: "2026-06-10" }, accountId: account.id, returned: 3, total: 3 });

    expect(await accountAccessReport(auditor, { account: "@no_such_handle_here" })).toBeNull();
    expect((await searches()).at(-1)!.details).toMatchObject({ view: "account-report", accountId: null, returned: 0, total: 0 });

    const before = (await searches()).length;
    await exportAccountReportCsv(auditor, { account: account.handle }, meta);
    expect(await searches()).toHaveLength(before);
    expect(await getDb().accessEvent.count({ where: { action: "AUDIT_EXPORTED", accountIds: { has: account.id } } })).toBe(1);
  });

  it("a refused search is not logged as a search", async () => {
    const before = (await searches()).length;
    expect((await search(reviewer, "action=CONTENT_READ")).status).toBe(403);
    expect(await searches()).toHaveLength(before);
  });

  it("shows nothing when its event cannot be written: 503 LOG_UNAVAILABLE, no rows", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    await d.owner.query("REVOKE INSERT ON access_event FROM custody_app");
    try {
      const res = await search(auditor, `actor=${encodeURIComponent(reviewer.email)}`);
      const body = await res.text();
      expect(res.status).toBe(503);
      expect(JSON.parse(body)).toMatchObject({ error: { code: "LOG_UNAVAILABLE" } });
      expect(body).not.toContain(reviewer.email);
      await expect(accountAccessReport(auditor, { account: account.handle })).rejects.toMatchObject({ status: 503 });
    } finally {
      await d.owner.query("GRANT INSERT ON access_event TO custody_app");
      quiet.mockRestore();
    }
  });
});
