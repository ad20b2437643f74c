import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { extendGrant } from "@/lib/access/extend-grant";
import { requestGrant } from "@/lib/access/request-grant";
import { decideOnRequest } from "@/lib/approvals/decide-request";
import type { StaffContext } from "@/lib/auth/staff-context";
import { disconnectDb, getDb } from "@/lib/db";
import { staffEventHub } from "@/lib/events/staff-event-hub";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";
import { openStream, type Stream } from "./event-stream-reader";

// The grant news on the existing per-staff channel (ADR 030, on ADR 008's stream): an
// extension (from any tab), a live grant near its end, and a named pending request approved
// or refused. From the attacker's side: none of it is ever sent about someone else's grant.

const cookie: { sid: string | null } = { sid: null };
vi.mock("@/lib/auth/session-cookie", async (original) => ({ ...(await original<object>()), sessionIdFromCookie: async () => cookie.sid }));
const { GET } = await import("@/app/api/v1/me/events/route");

const WHY = "Reviewing the reported messages and their context for a decision";
const MORE = "Still reading the replies that followed the threat";
const open: Stream[] = [];
async function listen(staff: StaffContext, query = "") {
  cookie.sid = staff.sessionId;
  const controller = new AbortController();
  const stream = openStream(await GET(new Request(`http://localhost/api/v1/me/events${query}`, { signal: controller.signal })), controller);
  open.push(stream);
  return stream;
}
const tick = () => staffEventHub().tick();
const types = (s: Stream) => s.seen().map((e) => e.type);

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(() => disconnectDb());

async function holderWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 100, reportedPosition: 50 });
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
  return { reviewer, world, grant };
}

describe("grant news on the staff channel", () => {
  it("an extension reaches every open stream of the holder with the new expiry, and never another reviewer's", async () => {
    const { reviewer, grant } = await holderWithGrant();
    const other = await makeStaff(["REVIEWER"]);
    const mine = await listen(reviewer, `?grant=${grant.id}`);
    const theirs = await listen(other, `?grant=${grant.id}`);
    await mine.next("ready");
    await theirs.next("ready");
    const extended = await extendGrant(reviewer, { grantId: grant.id, justification: MORE }, meta);
    await tick();
    expect(await mine.next("grant-extended")).toEqual({ grantId: grant.id, caseId: expect.any(String), expiresAt: extended.expiresAt });
    await theirs.next("ping");
    expect(types(theirs)).not.toContain("grant-extended");
    // Said once: the next tick is quiet.
    await tick();
    await mine.next("ping");
    expect(types(mine).filter((t) => t === "grant-extended")).toHaveLength(1);
  });

  it("a live grant with five minutes or less left is announced once, not on every tick", async () => {
    const { reviewer, grant } = await holderWithGrant();
    const s = await listen(reviewer);
    await s.next("ready");
    await tick();
    await s.next("ping");
    expect(types(s)).not.toContain("grant-expiring");
    await getDb().accessGrant.update({ where: { id: grant.id }, data: { expiresAt: new Date(Date.now() + 4 * 60_000) } });
    await tick();
    expect(await s.next("grant-expiring")).toMatchObject({ grantId: grant.id });
    await tick();
    await s.next("ping");
    await s.next("ping");
    expect(types(s).filter((t) => t === "grant-expiring")).toHaveLength(1);
  });

  it("a named pending request is heard approved (with its expiry) or refused (with the note); someone else naming it hears nothing", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation({ messages: 100, reportedPosition: 50 });
    await assignTo(world.caseId, reviewer);
    const lead = await makeStaff(["LEAD"]);
    const wide = { caseId: world.caseId, purpose: "USER_REPORT" as const, justification: WHY, scope: { from: 10, to: 90 } };
    const { grant: first } = await requestGrant(reviewer, wide, meta);
    const s = await listen(reviewer, `?grant=${first.id}`);
    const snoop = await listen(await makeStaff(["REVIEWER"]), `?grant=${first.id}`);
    expect((await s.next("ready")).grants).toMatchObject([{ grantId: first.id, state: "ended", cause: "pending" }]);
    await snoop.next("ready");
    await tick();
    await s.next("ping");
    expect(types(s)).toEqual(["ready", "ping"]);
    const approved = await decideOnRequest(lead, { grantId: first.id, verdict: "approve" }, meta);
    await tick();
    expect(await s.next("grant-approved")).toEqual({ grantId: first.id, caseId: world.caseId, expiresAt: approved.expiresAt });
    await snoop.next("ping");
    expect(types(snoop)).not.toContain("grant-approved");

    const { grant: second } = await requestGrant(reviewer, wide, meta);
    const t = await listen(reviewer, `?grant=${second.id}`);
    await t.next("ready");
    await decideOnRequest(lead, { grantId: second.id, verdict: "reject", note: "Scope too wide for a harassment report" }, meta);
    await tick();
    expect(await t.next("grant-rejected")).toEqual({ grantId: second.id, caseId: world.caseId, reason: "Scope too wide for a harassment report" });
  });
});
