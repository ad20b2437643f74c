import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { authorizePage } from "@/lib/auth/authorize";
import { requireStaff } from "@/lib/auth/current-staff";
import { loadStaff } from "@/lib/auth/load-staff";
import { startTotpEnrolment, verifyStepUp } from "@/lib/auth/step-up";
import { recordAttempt, recordSuccess } from "@/lib/auth/throttle-store";
import { disconnectDb, getDb } from "@/lib/db";
import { lastSeq, makeStaff, meta, refused, uid } from "./world";

// The doors outside the route wrapper, through the real session cookie: a page's
// authorisation, requireStaff, sign-out through next-auth's event, and loading a staff member
// outside any request (scripts and the e2e seed).

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({ cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }) }));

async function signInCookie(staffId: string, sid: string, name = "next-auth.session-token") {
  jar.clear();
  jar.set(name, await encode({ token: { sub: staffId, sid }, secret: process.env.NEXTAUTH_SECRET!, maxAge: 3600 }));
}
const redirectOf = (p: Promise<unknown>) =>
  p.then(
    () => "no redirect",
    (e: unknown) => String((e as { digest?: string }).digest ?? e),
  );

afterAll(async () => {
  await disconnectDb();
});

describe("authorizePage and requireStaff", () => {
  let reviewer: Awaited<ReturnType<typeof makeStaff>>;
  beforeAll(async () => {
    reviewer = await makeStaff(["REVIEWER"], ["US"]);
  });

  it("send a request without a session cookie to the sign-in page", async () => {
    jar.clear();
    expect(await redirectOf(authorizePage("PAGE /queue"))).toMatch(/NEXT_REDIRECT;.*;\/signin;/);
    expect(await redirectOf(requireStaff())).toMatch(/NEXT_REDIRECT;.*;\/signin;/);
  });

  it("give the signed-in staff member, from either cookie name, and no refusal for a page their roles open", async () => {
    await signInCookie(reviewer.id, reviewer.sessionId!, "__Secure-next-auth.session-token");
    expect(await authorizePage("PAGE /queue")).toEqual({ staff: expect.objectContaining({ id: reviewer.id, sessionId: reviewer.sessionId }), refusal: null });
    expect((await requireStaff()).id).toBe(reviewer.id);
  });

  it("render a page their roles do not open with the refusal, and log it", async () => {
    await signInCookie(reviewer.id, reviewer.sessionId!);
    const since = await lastSeq();
    const { staff, refusal } = await authorizePage("PAGE /staff");
    expect(staff.id).toBe(reviewer.id);
    expect(refusal).toMatchObject({ allow: false, reason: "ROLE" });
    const events = await getDb().accessEvent.findMany({ where: { seq: { gt: since }, actorId: reviewer.id } });
    expect(events.map((e) => [e.action, e.outcome, e.denialReason, e.details])).toEqual([["ACCESS_DENIED", "DENIED", "ROLE", { operation: "PAGE /staff" }]]);
  });
});

describe("signing out", () => {
  const signOut = (token: object) => authOptions().events!.signOut!({ token, session: {} } as never);

  it("ends the server-side session and logs it once", async () => {
    const s = await makeStaff(["REVIEWER"], ["US"]);
    const since = await lastSeq();
    await signOut({ sub: s.id, sid: s.sessionId });
    await signOut({ sub: s.id, sid: s.sessionId });
    const row = await getDb().staffSession.findUniqueOrThrow({ where: { id: s.sessionId! } });
    expect(row.endedReason).toBe("SIGNED_OUT");
    const events = await getDb().accessEvent.findMany({ where: { seq: { gt: since }, actorId: s.id } });
    expect(events.map((e) => [e.action, e.details])).toEqual([["SIGN_OUT", { reason: "SIGNED_OUT", sessionId: s.sessionId }]]);
  });

  it("does nothing for a token without a staff id or a session id", async () => {
    const s = await makeStaff(["REVIEWER"], ["US"]);
    await signOut({ sid: s.sessionId });
    await signOut({ sub: s.id });
    await signOut({ sub: s.id, sid: 5 });
    expect((await getDb().staffSession.findUniqueOrThrow({ where: { id: s.sessionId! } })).endedAt).toBeNull();
  });
});

describe("loadStaff", () => {
  it("loads an enabled staff member with roles, regions, links and whether an authenticator is set up", async () => {
    const s = await makeStaff(["LEAD"], ["US", "EU"]);
    const account = await getDb().platformAccount.create({ data: { externalId: `acct-${uid()}`, handle: `h_${uid()}`, displayName: "Linked", dataRegion: "US" }, select: { id: true } });
    await getDb().staffAccountLink.create({ data: { staffId: s.id, accountId: account.id, relation: "self" } });
    expect(await loadStaff(s.id)).toEqual({
      id: s.id,
      name: s.name,
      email: s.email,
      roles: ["LEAD"],
      regions: ["US", "EU"],
      linkedAccountIds: [account.id],
      sessionId: null,
      stepUpAt: null,
      totpEnrolled: false,
    });
    await getDb().staff.update({ where: { id: s.id }, data: { totpEnrolledAt: new Date() } });
    expect((await loadStaff(s.id))?.totpEnrolled).toBe(true);
  });

  it("loads nobody for a disabled or unknown id", async () => {
    const s = await makeStaff(["REVIEWER"], ["US"]);
    await getDb().staff.update({ where: { id: s.id }, data: { disabled: true } });
    expect(await loadStaff(s.id)).toBeNull();
    expect(await loadStaff("00000000-0000-7000-8000-000000000000")).toBeNull();
  });
});

describe("step-up outside a session", () => {
  it("is refused as unauthenticated for a staff member loaded without one (a script)", async () => {
    const s = await makeStaff(["REVIEWER"], ["US"]);
    const loaded = (await loadStaff(s.id))!;
    await refused(verifyStepUp(loaded, "123456", meta), "UNAUTHENTICATED", 401);
    await refused(startTotpEnrolment(loaded), "UNAUTHENTICATED", 401);
  });

  it("offers no second enrolment to someone who has an authenticator", async () => {
    const s = await makeStaff(["REVIEWER"], ["US"], { totpSecret: "CUSTODYTESTENROLLEDAAAAAAAAAAAAA" });
    const err = await refused(startTotpEnrolment(s), "TOTP_ENROLLED", 409);
    expect(err.message).toBe("An authenticator is already set up for you. An admin can reset it.");
  });
});

describe("the throttle counters", () => {
  it("are not cleared for other keys when one key's secret proves right", async () => {
    const a = { scope: "signin-account" as const, subject: `a-${uid()}@custody.test` };
    const b = { scope: "signin-account" as const, subject: `b-${uid()}@custody.test` };
    for (let i = 0; i < 3; i++) await recordAttempt([a]);
    await recordAttempt([b]);
    await recordSuccess([b]);
    const row = await getDb().authThrottle.findUniqueOrThrow({ where: { scope_subject: a } });
    expect(row.failures).toBe(3);
  });
});
