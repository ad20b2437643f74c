import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { resolveSession } from "@/lib/auth/session-store";
import { disconnectDb, getDb } from "@/lib/db";
import { createStaff, updateStaff } from "@/lib/staff/save-staff";
import { listStaff } from "@/lib/staff/staff-record";
import { assignTo, lastSeq, makeReportedConversation, makeStaff, meta, refused, uid } from "./world";

// Staff administration against a real database: conflicting roles and self-changes are
// refused and logged; changes are logged with before and after; a disabled member loses
// every session and grant at once, so their very next request is unauthenticated.

afterAll(() => disconnectDb());

const base = { name: "New Person", regions: ["US" as const], disabled: false, links: [] };

async function staffEvents(since: bigint) {
  return getDb().accessEvent.findMany({ where: { seq: { gt: since }, action: "STAFF_CHANGED" }, orderBy: { seq: "asc" } });
}

describe("staff administration", () => {
  it("refuses AUDITOR or ADMIN with a content role, on create and on change, and logs each attempt", async () => {
    const admin = await makeStaff(["ADMIN"]);
    const before = await lastSeq();
    for (const roles of [["AUDITOR", "REVIEWER"], ["ADMIN", "LEGAL"], ["AUDITOR", "LEAD"]] as const) {
      await refused(createStaff(admin, { ...base, email: `conflict-${uid()}@custody.test`, roles: [...roles] }, meta), "ROLE_CONFLICT");
    }
    const target = await makeStaff(["AUDITOR"]);
    await refused(updateStaff(admin, target.id, { ...base, roles: ["AUDITOR", "REVIEWER"] }, meta), "ROLE_CONFLICT");
    expect((await getDb().staff.findUniqueOrThrow({ where: { id: target.id } })).roles).toEqual(["AUDITOR"]);
    const events = await staffEvents(before);
    expect(events.map((e) => `${e.outcome}:${e.denialReason}`)).toEqual(Array(4).fill("DENIED:ROLE_CONFLICT"));
    expect(events[3]!.details).toMatchObject({ subject: { id: target.id }, before: { roles: ["AUDITOR"] }, attempted: { roles: ["AUDITOR", "REVIEWER"] } });
  });

  it("a member who somehow holds a conflicting role set (written around the admin page) may do nothing", async () => {
    const mixed = await makeStaff(["AUDITOR", "REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, mixed);
    await refused(requestGrant(mixed, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta), "ROLE_CONFLICT");
    await refused(readCaseMessages(mixed, { caseId: world.caseId }, meta), "ROLE_CONFLICT");
    await refused(listStaff({ roles: ["ADMIN", "LEAD"] }), "ROLE_CONFLICT");
  });

  it("nobody changes their own roles, regions, links or status — not even an admin", async () => {
    const admin = await makeStaff(["ADMIN"]);
    const before = await lastSeq();
    await refused(updateStaff(admin, admin.id, { ...base, name: admin.name, regions: ["US", "EU"], roles: ["ADMIN", "AUDITOR"] }, meta), "SELF_CHANGE");
    await refused(updateStaff(admin, admin.id, { ...base, name: admin.name, regions: ["US"], roles: ["ADMIN"] }, meta), "SELF_CHANGE");
    expect((await staffEvents(before)).map((e) => e.denialReason)).toEqual(["SELF_CHANGE", "SELF_CHANGE"]);
  });

  it("only admins manage staff", async () => {
    for (const role of ["REVIEWER", "LEAD", "LEGAL", "AUDITOR"] as const) {
      const someone = await makeStaff([role]);
      await refused(createStaff(someone, { ...base, email: `x-${uid()}@custody.test`, roles: ["REVIEWER"] }, meta), "ROLE");
      await refused(listStaff(someone), "ROLE");
    }
  });

  it("logs every change with before and after, and resolves account links by handle", async () => {
    const admin = await makeStaff(["ADMIN"]);
    const world = await makeReportedConversation();
    const handle = (await getDb().platformAccount.findUniqueOrThrow({ where: { id: world.accountIds[0] } })).handle;
    const before = await lastSeq();
    const created = await createStaff(admin, { ...base, email: `new-${uid()}@custody.test`, roles: ["REVIEWER"] }, meta);
    const changed = await updateStaff(admin, created.id, { ...base, roles: ["REVIEWER", "LEAD"], regions: ["US", "EU"], links: [{ handle: `@${handle}`, relation: "own account" }] }, meta);
    expect(changed.links).toEqual([{ accountId: world.accountIds[0], handle, relation: "own account" }]);
    const [c, u] = await staffEvents(before);
    expect(c).toMatchObject({ outcome: "ALLOWED", actorId: admin.id, details: { before: null, after: { roles: ["REVIEWER"] } } });
    expect(u!.details).toMatchObject({ changed: ["roles", "regions", "links"], before: { roles: ["REVIEWER"], regions: ["US"], links: [] }, after: { roles: ["REVIEWER", "LEAD"], links: [{ handle, relation: "own account" }] } });
    await refused(updateStaff(admin, created.id, { ...base, roles: ["REVIEWER"], links: [{ handle: "no_such_handle_anywhere", relation: "x" }] }, meta), "UNKNOWN_ACCOUNT", 400);
    await refused(createStaff(admin, { ...base, email: created.email, roles: ["REVIEWER"] }, meta), "EMAIL_TAKEN", 409);
  });

  it("a disabled member loses access on their next request: sessions and grants end at once", async () => {
    const admin = await makeStaff(["ADMIN"]);
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, reviewer);
    const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported harassment in context" }, meta);
    await readCaseMessages(reviewer, { caseId: world.caseId }, meta);

    const before = await lastSeq();
    await updateStaff(admin, reviewer.id, { name: reviewer.name, roles: ["REVIEWER"], regions: ["US", "EU"], disabled: true, links: [] }, meta);
    expect(await resolveSession(reviewer.sessionId!)).toBeNull();
    expect((await getDb().accessGrant.findUniqueOrThrow({ where: { id: grant.id } })).endedReason).toBe("staff disabled");
    const [ev] = await staffEvents(before);
    expect(ev!.details).toMatchObject({ changed: ["disabled"], endedSessions: 1, endedGrants: 1 });
    // A session the change did not end (say, created in the same instant) is refused too, and ends.
    const stray = await getDb().staffSession.create({ data: { staffId: reviewer.id, stepUpAt: new Date() } });
    expect(await resolveSession(stray.id)).toBeNull();
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: stray.id } })).endedReason).toBe("DISABLED");
  });
});
