import { afterAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import type { RouteHandler } from "@/lib/http/with-operation";
import { deliveryJobKey } from "@/lib/outbox/decision-webhook";
import type { Role } from "@/lib/policy/roles";
import { asOwner, decidedCase, delivery, jobsFor } from "./outbox-fixtures";
import { assignTo, makeReportedConversation, makeStaff, meta, uid } from "./world";
import { decideCase } from "@/lib/cases/decide-case";

// The admin's side of the outbox through the real route handlers: only ADMIN may retry a
// delivery or export statements of reasons (every other role is refused and the refusal
// logged); a retry is logged and moves the job to now; the export holds no personal data.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff, currentStaffPassively: async () => signedIn.staff }));

const { POST: retry } = (await import("@/app/api/v1/admin/deliveries/[decisionId]/retry/route")) as { POST: RouteHandler };
const { GET: exportSor } = (await import("@/app/api/v1/admin/statements-of-reasons/route")) as { GET: RouteHandler };

afterAll(() => disconnectDb());

const headers = { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json" };
const retryReq = (decisionId: string) =>
  retry(new Request(`http://localhost/api/v1/admin/deliveries/${decisionId}/retry`, { method: "POST", headers, body: "{}" }), { params: Promise.resolve({ decisionId }) });
const exportReq = (query: string) => exportSor(new Request(`http://localhost/api/v1/admin/statements-of-reasons?${query}`, { headers }));

describe("admin routes refuse every other role", () => {
  it.each(["REVIEWER", "LEAD", "LEGAL", "AUDITOR"] as Role[])("%s: retry and export are 403 ROLE, logged as ACCESS_DENIED, and change nothing", async (role) => {
    const { decisionId } = await decidedCase("WARN");
    signedIn.staff = await makeStaff([role]);
    const before = await delivery(decisionId!);
    for (const res of [await retryReq(decisionId!), await exportReq("from=2026-01-01")]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "ROLE", message: expect.any(String) });
    }
    expect(await delivery(decisionId!)).toEqual(before);
    const denials = await getDb().accessEvent.findMany({ where: { actorId: signedIn.staff.id, action: "ACCESS_DENIED" } });
    expect(denials.map((d) => (d.details as { operation: string }).operation).sort()).toEqual(["GET /api/v1/admin/statements-of-reasons", "POST /api/v1/admin/deliveries/{decisionId}/retry"]);
    expect(await getDb().accessEvent.count({ where: { actorId: signedIn.staff.id, action: { in: ["DELIVERY_RETRIED", "SOR_EXPORTED"] } } })).toBe(0);
  });
});

describe("retrying a delivery", () => {
  it("a given-up delivery gets a new window and a job now; the retry is logged with what it was", async () => {
    const { decisionId, world } = await decidedCase("SUSPEND");
    await asOwner((c) =>
      c.query("update outbound_delivery set status = 'GIVEN_UP', attempts = 31, last_error = 'HTTP 503', given_up_at = now(), window_started_at = now() - interval '25 hours' where decision_id = $1", [decisionId]),
    );
    await asOwner((c) => c.query("delete from graphile_worker._private_jobs where key = $1", [deliveryJobKey(decisionId!)]));
    const admin = (signedIn.staff = await makeStaff(["ADMIN"]));
    const res = await retryReq(decisionId!);
    expect(res.status).toBe(200);
    expect((await res.json()).delivery).toMatchObject({ decisionId, status: "FAILING" });
    const d = await delivery(decisionId!);
    expect(d).toMatchObject({ status: "FAILING", givenUpAt: null, attempts: 31 });
    expect(Date.now() - d.windowStartedAt.getTime()).toBeLessThan(60_000);
    const [job] = await jobsFor(decisionId!);
    expect(job).toMatchObject({ key: deliveryJobKey(decisionId!) });
    expect(job!.run_at.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const event = await getDb().accessEvent.findFirstOrThrow({ where: { actorId: admin.id, action: "DELIVERY_RETRIED" } });
    expect(event).toMatchObject({ outcome: "ALLOWED", caseId: world.caseId, details: { decisionId, previousStatus: "GIVEN_UP", attempts: 31, lastError: "HTTP 503" } });
  });

  it("a delivered decision is not resent by hand (409); an unknown or malformed id is 404; nothing is logged", async () => {
    const { decisionId } = await decidedCase("WARN");
    await asOwner((c) => c.query("update outbound_delivery set status = 'DELIVERED', delivered_at = now() where decision_id = $1", [decisionId]));
    const admin = (signedIn.staff = await makeStaff(["ADMIN"]));
    const delivered = await retryReq(decisionId!);
    expect(delivered.status).toBe(409);
    expect((await delivered.json()).error.code).toBe("ALREADY_DELIVERED");
    for (const id of ["0190a6b2-0000-7000-8000-000000000000", "not-a-uuid"]) {
      const res = await retryReq(id);
      expect(res.status).toBe(404);
      expect((await res.json()).error.message).toBeTruthy();
    }
    expect(await getDb().accessEvent.count({ where: { actorId: admin.id, action: "DELIVERY_RETRIED" } })).toBe(0);
  });
});

describe("the statements-of-reasons export", () => {
  it("has one statement per restricting decision on an EU account, and no personal data at all", async () => {
    const reviewer = await makeStaff(["REVIEWER"], ["US", "EU"]);
    const since = new Date(Date.now() - 1000).toISOString();
    const marker = `note-${uid()}`;
    const made: { decisionId: string; world: Awaited<ReturnType<typeof makeReportedConversation>> }[] = [];
    for (const [decision, region] of [["REMOVE_MESSAGE", "EU"], ["SUSPEND", "EU"], ["RESTRICT_DMS", "EU"], ["WARN", "EU"], ["NO_VIOLATION", "EU"], ["SUSPEND", "US"]] as const) {
      const world = await makeReportedConversation({ region });
      await assignTo(world.caseId, reviewer);
      const { decisionId } = await decideCase(reviewer, { caseId: world.caseId, decision, note: `${marker}: @alex_${decision} wrote to Blake at blake@example.com` }, meta);
      made.push({ decisionId: decisionId!, world });
    }
    const admin = (signedIn.staff = await makeStaff(["ADMIN"]));
    const res = await exportReq(`from=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="statements-of-reasons-/);
    const text = await res.text();
    const { statements } = JSON.parse(text) as { statements: Record<string, unknown>[] };
    const mine = statements.filter((s) => made.some((m) => m.decisionId === s.puid));
    expect(mine.map((s) => s.puid)).toEqual(made.slice(0, 3).map((m) => m.decisionId));
    expect(mine.map((s) => Object.keys(s).find((k) => k.startsWith("decision_") && k !== "decision_ground" && k !== "decision_facts"))).toEqual(["decision_visibility", "decision_account", "decision_provision"]);

    // No personal data: no handle, display name, platform or Custody account id, message or
    // report id, and none of the reviewer's note or the reporter's words.
    const accounts = await getDb().platformAccount.findMany({ where: { id: { in: made.flatMap((m) => m.world.accountIds) } } });
    const messages = await getDb().message.findMany({ where: { conversationId: { in: made.map((m) => m.world.conversationId) } }, select: { id: true, externalId: true } });
    const reports = await getDb().userReport.findMany({ where: { caseId: { in: made.map((m) => m.world.caseId) } }, select: { id: true, externalId: true, text: true } });
    const forbidden = [marker, "blake@example.com", "Alex", "Blake", ...accounts.flatMap((a) => [a.id, a.externalId, a.handle]), ...messages.flatMap((m) => [m.id, m.externalId]), ...reports.flatMap((r) => [r.id, r.externalId, r.text])];
    expect(forbidden.filter((f) => text.includes(f))).toEqual([]);

    const event = await getDb().accessEvent.findFirstOrThrow({ where: { actorId: admin.id, action: "SOR_EXPORTED" } });
    expect(event.details).toMatchObject({ statements: statements.length, skippedNotRestrictive: expect.any(Number), skippedOutsideEu: expect.any(Number) });
    expect((event.details as { skippedNotRestrictive: number }).skippedNotRestrictive).toBeGreaterThanOrEqual(2);
    expect((event.details as { skippedOutsideEu: number }).skippedOutsideEu).toBeGreaterThanOrEqual(1);

    const jsonl = await exportReq(`from=${encodeURIComponent(since)}&format=jsonl`);
    expect(jsonl.headers.get("content-type")).toMatch(/ndjson/);
    expect((await jsonl.text()).trim().split("\n").map((l) => JSON.parse(l).puid)).toEqual(statements.map((s) => s.puid));
  });

  it("refuses a period that is backwards or longer than a year, with a message", async () => {
    signedIn.staff = await makeStaff(["ADMIN"]);
    for (const q of ["from=2026-05-01&to=2026-04-01", "from=2020-01-01&to=2026-01-01", "from=yesterday"]) {
      const res = await exportReq(q);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBeTruthy();
    }
  });
});
