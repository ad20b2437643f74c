import { generate } from "otplib";
import { afterAll, describe, expect, it, vi } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { createSession, resolveSession } from "@/lib/auth/session-store";
import { startTotpEnrolment, verifyStepUp } from "@/lib/auth/step-up";
import * as totp from "@/lib/auth/totp";
import { disconnectDb, getDb } from "@/lib/db";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta, refused, signInAs } from "./world";

// Step-up and sessions against a real database, from the attacker's side: no content without
// a TOTP check in the last 15 minutes, codes cannot be replayed or guessed at leisure, the
// secret is not stored in clear, and sessions end after 30 idle minutes or 12 hours.

const SECRET = "CUSTODYTESTSTEPUPSECRETAAAAAAAAA";
const WHY = "Reviewing the reported harassment in context";
const code = (at: Date, secret = SECRET) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

afterAll(() => disconnectDb());

async function readerWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"], ["US", "EU"], { stepUp: false, totpSecret: SECRET });
  const world = await makeReportedConversation();
  await assignTo(world.caseId, reviewer);
  await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: WHY }, meta);
  return { reviewer, world };
}

describe("step-up", () => {
  it("content needs a TOTP check; a valid code opens it for this session and is logged", async () => {
    const { reviewer, world } = await readerWithGrant();
    const before = await lastSeq();
    await refused(readCaseMessages(reviewer, { caseId: world.caseId }, meta), "STEP_UP_REQUIRED");
    const now = new Date();
    await verifyStepUp(reviewer, await code(now), meta, now);
    const stepped = (await resolveSession(reviewer.sessionId!))!;
    expect(stepped.stepUpAt?.getTime()).toBe(now.getTime());
    expect((await readCaseMessages(stepped, { caseId: world.caseId }, meta)).messages).toHaveLength(21);
    const log = (await eventsSince(before)).filter((e) => e.actorId === reviewer.id).map((e) => `${e.action}:${e.outcome}:${e.denialReason ?? ""}`);
    expect(log).toEqual(["CONTENT_READ:DENIED:STEP_UP_REQUIRED", "STEP_UP:ALLOWED:", "CONTENT_READ:ALLOWED:"]);
    // Another session of the same person has not stepped up.
    await refused(readCaseMessages(await signInAs(reviewer.id), { caseId: world.caseId }, meta), "STEP_UP_REQUIRED");
  });

  it("a step-up older than 15 minutes no longer opens content, and the refusal is logged", async () => {
    const { reviewer, world } = await readerWithGrant();
    await getDb().staffSession.update({ where: { id: reviewer.sessionId! }, data: { stepUpAt: new Date(Date.now() - 15 * 60_000 - 1000) } });
    const stale = (await resolveSession(reviewer.sessionId!))!;
    const before = await lastSeq();
    await refused(readCaseMessages(stale, { caseId: world.caseId }, meta), "STEP_UP_REQUIRED");
    expect((await eventsSince(before, world.caseId)).map((e) => e.denialReason)).toEqual(["STEP_UP_REQUIRED"]);
  });

  it("refuses a replayed code and wrong codes, backs off, and locks the session after five", async () => {
    const { reviewer } = await readerWithGrant();
    const now = new Date();
    const good = await code(now);
    await verifyStepUp(reviewer, good, meta, now);
    await refused(verifyStepUp(reviewer, good, meta, now), "TOTP_REUSED");
    const wrong = good === "000000" ? "111111" : "000000";
    await refused(verifyStepUp(reviewer, wrong, meta, now), "TOTP_INVALID");
    await refused(verifyStepUp(reviewer, wrong, meta, now), "TOTP_INVALID");
    await refused(verifyStepUp(reviewer, wrong, meta, now), "TOTP_THROTTLED");
    await refused(verifyStepUp(reviewer, wrong, meta, now), "TOTP_LOCKED");
    const later = new Date(now.getTime() + 60 * 60_000);
    await refused(verifyStepUp(reviewer, await code(later), meta, later), "TOTP_LOCKED");
    const denials = await getDb().accessEvent.findMany({ where: { actorId: reviewer.id, action: "STEP_UP", outcome: "DENIED" }, orderBy: { seq: "asc" } });
    expect(denials.map((e) => e.denialReason)).toEqual(["TOTP_REUSED", "TOTP_INVALID", "TOTP_INVALID", "TOTP_THROTTLED", "TOTP_LOCKED", "TOTP_LOCKED"]);
  });

  it("one code sent from two sessions at the same moment passes exactly once", async () => {
    const reviewer = await makeStaff(["REVIEWER"], ["US", "EU"], { stepUp: false, totpSecret: SECRET });
    const other = await signInAs(reviewer.id);
    const now = new Date();
    const good = await code(now);
    // Both requests check the code against the same last-used step before either claims it, so
    // only the claim (a compare-and-set on that step) can tell them apart.
    const checkTotp = totp.checkTotp;
    let checked = 0;
    let bothChecked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothChecked = resolve));
    const spy = vi.spyOn(totp, "checkTotp").mockImplementation(async (...args) => {
      const result = await checkTotp(...args);
      if (++checked === 2) bothChecked();
      await barrier;
      return result;
    });
    let results: PromiseSettledResult<unknown>[];
    try {
      results = await Promise.allSettled([verifyStepUp(reviewer, good, meta, now), verifyStepUp(other, good, meta, now)]);
    } finally {
      spy.mockRestore();
    }
    expect(checked).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []))).toEqual(["TOTP_REUSED"]);
    const sessions = await getDb().staffSession.findMany({ where: { id: { in: [reviewer.sessionId!, other.sessionId!] } }, select: { stepUpAt: true } });
    expect(sessions.filter((x) => x.stepUpAt !== null)).toHaveLength(1);
    const log = await getDb().accessEvent.findMany({ where: { actorId: reviewer.id, action: "STEP_UP" }, select: { outcome: true, denialReason: true } });
    expect(log.map((e) => `${e.outcome}:${e.denialReason ?? ""}`).sort()).toEqual(["ALLOWED:", "DENIED:TOTP_REUSED"]);
  });

  it("enrols an authenticator: the first valid code confirms it; the secret is stored sealed", async () => {
    const reviewer = await makeStaff(["REVIEWER"], ["US"], { stepUp: false });
    await refused(verifyStepUp(reviewer, "123456", meta), "TOTP_NOT_ENROLLED");
    const { secret, uri } = await startTotpEnrolment(reviewer);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Custody:/);
    const now = new Date();
    const result = await verifyStepUp(reviewer, await code(now, secret), meta, now);
    expect(result.enrolled).toBe(true);
    const row = await getDb().staff.findUniqueOrThrow({ where: { id: reviewer.id } });
    expect(row.totpEnrolledAt).not.toBeNull();
    expect(row.totpSecret).not.toContain(secret);
    const enrolled = (await resolveSession(reviewer.sessionId!))!;
    await refused(startTotpEnrolment(enrolled), "TOTP_ENROLLED", 409);
    const event = await getDb().accessEvent.findFirstOrThrow({ where: { actorId: reviewer.id, action: "STEP_UP", outcome: "ALLOWED" } });
    expect(event.details).toMatchObject({ method: "totp", enrolled: true });
  });

  it("roles that never read content have no step-up", async () => {
    for (const role of ["AUDITOR", "ADMIN"] as const) {
      const someone = await makeStaff([role]);
      await refused(verifyStepUp(someone, "123456", meta), "ROLE");
      await refused(startTotpEnrolment(someone), "ROLE");
    }
  });
});

describe("sessions", () => {
  it("end after 30 idle minutes, and after 12 hours however active; each end is logged", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const db = getDb();
    const idle = await createSession(db, reviewer.id);
    await db.staffSession.update({ where: { id: idle }, data: { lastSeenAt: new Date(Date.now() - 30 * 60_000) } });
    expect(await resolveSession(idle)).toBeNull();
    const old = await createSession(db, reviewer.id);
    await db.staffSession.update({ where: { id: old }, data: { createdAt: new Date(Date.now() - 12 * 3600_000), lastSeenAt: new Date() } });
    expect(await resolveSession(old)).toBeNull();
    const ended = await db.staffSession.findMany({ where: { id: { in: [idle, old] } }, orderBy: { createdAt: "desc" }, select: { id: true, endedReason: true } });
    expect(Object.fromEntries(ended.map((s) => [s.id, s.endedReason]))).toEqual({ [idle]: "SESSION_IDLE", [old]: "SESSION_MAX_AGE" });
    const signOuts = await db.accessEvent.findMany({ where: { actorId: reviewer.id, action: "SIGN_OUT" } });
    expect(signOuts.map((e) => (e.details as { reason: string }).reason).sort()).toEqual(["SESSION_IDLE", "SESSION_MAX_AGE"]);
    // An ended session stays ended, and logs nothing more.
    expect(await resolveSession(idle)).toBeNull();
    expect(await db.accessEvent.count({ where: { actorId: reviewer.id, action: "SIGN_OUT" } })).toBe(2);
  });

  it("activity keeps a session alive (lastSeenAt moves on)", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const db = getDb();
    const sid = await createSession(db, reviewer.id);
    await db.staffSession.update({ where: { id: sid }, data: { lastSeenAt: new Date(Date.now() - 29 * 60_000) } });
    expect(await resolveSession(sid)).not.toBeNull();
    const row = await db.staffSession.findUniqueOrThrow({ where: { id: sid } });
    expect(Date.now() - row.lastSeenAt.getTime()).toBeLessThan(5000);
  });
});
