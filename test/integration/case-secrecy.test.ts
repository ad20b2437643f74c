import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb } from "@/lib/db";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff } from "./world";

// From the attacker's side: a US reviewer probes case ids through the real route handlers.
// A guessed id, another reviewer's claimed case and an unclaimed case holding EU data must
// give byte-identical answers on the content, grants and claim routes, so no answer confirms
// that a case exists. The access log, which auditors read, must still name the true reason.

const signedIn: { staff: StaffContext | null } = { staff: null };
vi.mock("@/lib/auth/current-staff", async (original) => ({ ...(await original<object>()), currentStaff: async () => signedIn.staff }));

const { GET: messages } = await import("@/app/api/v1/cases/[caseId]/messages/route");
const { POST: grants } = await import("@/app/api/v1/cases/[caseId]/grants/route");
const { POST: claim } = await import("@/app/api/v1/cases/[caseId]/claim/route");

const WHY = "Reviewing the reported harassment in context";
const headers = { host: "localhost", origin: "http://localhost", "x-custody-request": "1", "content-type": "application/json", "user-agent": "vitest" };
const ctx = (caseId: string) => ({ params: Promise.resolve({ caseId }) });

const ROUTES = {
  content: (id: string) => messages(new Request(`http://localhost/api/v1/cases/${id}/messages`, { headers }), ctx(id)),
  grants: (id: string) => grants(new Request(`http://localhost/api/v1/cases/${id}/grants`, { method: "POST", headers, body: JSON.stringify({ purpose: "USER_REPORT", justification: WHY }) }), ctx(id)),
  claim: (id: string) => claim(new Request(`http://localhost/api/v1/cases/${id}/claim`, { method: "POST", headers }), ctx(id)),
};

let attacker: StaffContext;
const probes: Record<"guessed" | "another reviewer's" | "outside their region", string> = { guessed: randomUUID(), "another reviewer's": "", "outside their region": "" };

beforeAll(async () => {
  attacker = await makeStaff(["REVIEWER"], ["US"]);
  const other = await makeStaff(["REVIEWER"], ["US"]);
  const claimed = await makeReportedConversation({ region: "US" });
  await assignTo(claimed.caseId, other);
  probes["another reviewer's"] = claimed.caseId;
  probes["outside their region"] = (await makeReportedConversation({ region: "US", secondRegion: "EU" })).caseId;
  signedIn.staff = attacker;
});

afterAll(() => disconnectDb());

async function answer(res: Response) {
  return { status: res.status, type: res.headers.get("content-type"), body: await res.text() };
}

describe("a refusal does not confirm that a case exists", () => {
  for (const [route, call] of Object.entries(ROUTES)) {
    it(`${route}: a guessed id, another reviewer's case and a case outside the reviewer's region answer alike`, async () => {
      const answers = [];
      for (const id of Object.values(probes)) answers.push(await answer(await call(id)));
      expect(answers[0]).toEqual({ status: 404, type: "application/json", body: JSON.stringify({ error: { code: "CASE_NOT_FOUND", message: "No such case, or not yours to open." } }) });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    });
  }

  it("the access log still tells an auditor why each real case was refused", async () => {
    const before = await lastSeq();
    for (const call of Object.values(ROUTES)) for (const id of Object.values(probes)) await call(id);
    const events = (await eventsSince(before)).filter((e) => e.actorId === attacker.id);
    const real = (caseId: string) => events.filter((e) => e.caseId === caseId).map((e) => `${e.action}:${e.denialReason}`);
    expect(real(probes["another reviewer's"])).toEqual(["CONTENT_READ:NOT_ASSIGNED", "GRANT_REQUESTED:NOT_ASSIGNED", "CASE_CLAIMED:ALREADY_CLAIMED"]);
    expect(real(probes["outside their region"])).toEqual(["CONTENT_READ:NOT_ASSIGNED", "GRANT_REQUESTED:NOT_ASSIGNED", "CASE_CLAIMED:RESIDENCY"]);
    // The guessed id names no case; the content route still logs the attempt, with the id tried.
    const guessed = events.filter((e) => e.caseId === null && e.action === "CONTENT_READ");
    expect(guessed.map((e) => [e.denialReason, (e.details as { requestedCaseId?: string } | null)?.requestedCaseId])).toEqual([["CASE_NOT_FOUND", probes.guessed]]);
  });

  it("the reviewer's own case still says why it is refused", async () => {
    const own = await makeReportedConversation({ region: "US" });
    await assignTo(own.caseId, attacker);
    const res = await ROUTES.content(own.caseId);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("NO_GRANT");
  });
});
