import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { requestGrant } from "@/lib/access/request-grant";
import { revokeGrant } from "@/lib/approvals/revoke-grant";
import type { StaffContext } from "@/lib/auth/staff-context";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb } from "@/lib/db";
import { staffEventHub } from "@/lib/events/staff-event-hub";
import { MAX_STREAMS_PER_STAFF, type GrantState } from "@/lib/events/staff-event";
import { updateStaff } from "@/lib/staff/save-staff";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";
import { openStream, type Stream } from "./event-stream-reader";

// The per-staff event channel through its route handler (only the cookie is stubbed: the
// session lookup, the permission table and the hub are real), from the attacker's side: a
// guessed or someone else's grant id gets the answer a nonexistent one gets, malformed input a
// 4xx, and nothing on the stream is another person's or message content. From the holder's
// side: each way a grant ends arrives within one tick, with who and why.

const cookie: { sid: string | null } = { sid: null };
vi.mock("@/lib/auth/session-cookie", async (original) => ({ ...(await original<object>()), sessionIdFromCookie: async () => cookie.sid }));
const { GET } = await import("@/app/api/v1/me/events/route");

const WHY = "Reviewing the reported messages and their context for a decision";
const open: Stream[] = [];
async function listen(staff: StaffContext | null, query = "") {
  cookie.sid = staff?.sessionId ?? null;
  const controller = new AbortController();
  const res = await GET(new Request(`http://localhost/api/v1/me/events${query}`, { signal: controller.signal }));
  const stream = openStream(res, controller);
  open.push(stream);
  return stream;
}
const tick = () => staffEventHub().tick();

async function holderWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
  return { reviewer, world, grant };
}

afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
afterAll(() => disconnectDb());

describe("GET /api/v1/me/events from the attacker's side", () => {
  it("someone else's grant id is answered exactly like a random one, and its end is never heard", async () => {
    const { grant } = await holderWithGrant();
    const other = await makeStaff(["REVIEWER"]);
    const random = "0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f";
    const theirs = await listen(other, `?grant=${grant.id}&grant=${random}`);
    expect(theirs.response.status).toBe(200);
    const ready = await theirs.next("ready");
    const [a, b] = ready.grants as GrantState[];
    expect(a).toEqual({ grantId: grant.id, state: "not-found" });
    expect(b).toEqual({ grantId: random, state: "not-found" });

    await revokeGrant(await makeStaff(["LEAD"]), { grantId: grant.id, reason: "Handed to another team" }, meta);
    await tick();
    await theirs.next("ping");
    expect(theirs.seen().filter((e) => e.type === "grant-ended")).toEqual([]);
    expect(theirs.text()).not.toContain("Handed to another team");
  });

  it("malformed ids, too many ids and NUL are a 400 with a message; no session is a 401; never a 500", async () => {
    const me = await makeStaff(["REVIEWER"]);
    const uuid = "0190f5a4-8b1e-7c3d-9e2f-4a5b6c7d8e9f";
    for (const q of ["?grant=abc", `?grant=${uuid}%00`, "?grant=%00", "?grant=", `?grant=${uuid.slice(0, 35)}`, `?grant=${uuid}x`, "?grant=../../etc", "?grant=%F0%9F%92%A9", ["", ...Array(6).fill(uuid)].join("&grant=").replace("&", "?")]) {
      const s = await listen(me, q);
      expect(s.response.status, q).toBe(400);
      expect((await s.response.json()).error.message, q).toMatch(/grant/);
    }
    const anonymous = await listen(null, `?grant=${uuid}`);
    expect(anonymous.response.status).toBe(401);
    const conflicted = await makeStaff(["AUDITOR", "REVIEWER"]);
    expect((await listen(conflicted)).response.status).toBe(403);
  });

  it("a member cannot hold more than a few streams open on one process", async () => {
    const me = await makeStaff(["REVIEWER"]);
    for (let i = 0; i < MAX_STREAMS_PER_STAFF; i++) expect((await listen(me)).response.status).toBe(200);
    const extra = await listen(me);
    expect(extra.response.status).toBe(429);
    expect((await extra.response.json()).error.code).toBe("TOO_MANY_STREAMS");
  });

  it("holding the channel open does not keep a session from going idle, and an idle session ends the stream", async () => {
    const me = await makeStaff(["REVIEWER"]);
    const longAgo = new Date(Date.now() - 20 * 60_000);
    await getDb().staffSession.update({ where: { id: me.sessionId! }, data: { lastSeenAt: longAgo } });
    const s = await listen(me);
    await s.next("ready");
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: me.sessionId! } })).lastSeenAt).toEqual(longAgo);
    await getDb().staffSession.update({ where: { id: me.sessionId! }, data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) } });
    await tick();
    expect(await s.next("session-ended")).toEqual({ reason: "SESSION_IDLE" });
    await s.ended();
  });
});

describe("GET /api/v1/me/events for the grant's holder", () => {
  it("hears a revocation within one tick: who, when and why, and never message text", async () => {
    const { reviewer, world, grant } = await holderWithGrant();
    const s = await listen(reviewer, `?grant=${grant.id}`);
    expect((await s.next("ready")).grants).toEqual([{ grantId: grant.id, caseId: world.caseId, state: "live", expiresAt: grant.expiresAt }]);
    const lead = await makeStaff(["LEAD"]);
    await revokeGrant(lead, { grantId: grant.id, reason: "Wrong queue" }, meta);
    await tick();
    expect(await s.next("grant-ended")).toMatchObject({ grantId: grant.id, caseId: world.caseId, cause: "revoked", endedBy: lead.email, reason: "Wrong queue" });
    for (const text of world.texts) expect(s.text()).not.toContain(text);
  });

  it("hears a grant it did not name, a decision, an expiry, and being disabled", async () => {
    const { reviewer, world, grant } = await holderWithGrant();
    const s = await listen(reviewer);
    await s.next("ready");
    await decideCase(reviewer, { caseId: world.caseId, decision: "WARN", note: "Warned." }, meta);
    await tick();
    expect(await s.next("grant-ended")).toMatchObject({ grantId: grant.id, cause: "case-closed", decision: "WARN", endedBy: reviewer.email });

    const second = await holderWithGrant();
    const t = await listen(second.reviewer, `?grant=${second.grant.id}`);
    await t.next("ready");
    await getDb().accessGrant.update({ where: { id: second.grant.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await tick();
    expect(await t.next("grant-ended")).toMatchObject({ grantId: second.grant.id, cause: "expired", endedBy: null });

    const third = await holderWithGrant();
    const u = await listen(third.reviewer, `?grant=${third.grant.id}`);
    await u.next("ready");
    const admin = await makeStaff(["ADMIN"]);
    await updateStaff(admin, third.reviewer.id, { name: third.reviewer.name, roles: ["REVIEWER"], regions: ["US", "EU"], disabled: true, links: [] }, meta);
    await tick();
    expect(await u.next("grant-ended")).toMatchObject({ grantId: third.grant.id, cause: "holder-disabled" });
    expect(await u.next("session-ended")).toEqual({ reason: "DISABLED" });
    await u.ended();
  });

  it("a grant that ended before the channel opened is reported as ended in ready", async () => {
    const { reviewer, grant } = await holderWithGrant();
    await revokeGrant(await makeStaff(["LEAD"]), { grantId: grant.id, reason: "Raced the read" }, meta);
    const s = await listen(reviewer, `?grant=${grant.id.toUpperCase()}`);
    expect((await s.next("ready")).grants).toMatchObject([{ grantId: grant.id, state: "ended", cause: "revoked", reason: "Raced the read" }]);
  });

  it("a closed connection leaves the hub", async () => {
    const me = await makeStaff(["REVIEWER"]);
    const before = staffEventHub().size;
    const s = await listen(me);
    await s.next("ready");
    expect(staffEventHub().size).toBe(before + 1);
    s.close();
    await vi.waitFor(() => expect(staffEventHub().size).toBe(before));
  });
});
