import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import type { StaffContext } from "@/lib/auth/staff-context";
import { claimCase } from "@/lib/cases/claim-case";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/policy/roles";
import { eventsSince, lastSeq, makeReportedConversation, makeStaff, meta, type World } from "./world";

// Every role × every situation the content route must handle, from the attacker's side:
// the wrong role, no grant, an expired grant, someone else's case, a closed case and a
// message outside the scope. Each request must produce exactly one access event.

const ROLES: Role[] = ["REVIEWER", "LEAD", "LEGAL", "AUDITOR", "ADMIN"];
const CONTENT_READERS: Role[] = ["REVIEWER", "LEAD"];

type Scenario = "live grant" | "no grant" | "expired grant" | "another reviewer's case" | "closed case" | "message outside scope";

const JUSTIFICATION = "Reviewing the reported harassment in context";

/** Puts `staff` in the scenario's position on a fresh case, bypassing role checks where the role could not get there itself. */
async function arrange(staff: StaffContext, scenario: Scenario): Promise<{ world: World; ids?: string[] }> {
  const db = getDb();
  const world = await makeReportedConversation();
  const assign = async (who: StaffContext) => {
    await db.case.update({ where: { id: world.caseId }, data: { status: "IN_REVIEW", assigneeId: who.id, claimedAt: new Date() } });
  };
  const grant = async (who: StaffContext, expiresAt = new Date(Date.now() + 30 * 60_000)) => {
    await db.accessGrant.create({
      data: { staffId: who.id, caseId: world.caseId, conversationId: world.conversationId, purpose: "USER_REPORT", justification: JUSTIFICATION, scopeFrom: 10, scopeTo: 30, status: "ACTIVE", expiresAt },
    });
  };
  switch (scenario) {
    case "live grant":
      await assign(staff);
      await grant(staff);
      return { world };
    case "no grant":
      await assign(staff);
      return { world };
    case "expired grant":
      await assign(staff);
      await grant(staff, new Date(Date.now() - 1000));
      return { world };
    case "another reviewer's case": {
      const other = await makeStaff(["REVIEWER"]);
      await assign(other);
      await grant(other);
      await grant(staff); // even a grant of one's own does not open someone else's case
      return { world };
    }
    case "closed case":
      await assign(staff);
      await grant(staff);
      await db.case.update({ where: { id: world.caseId }, data: { status: "CLOSED", closedAt: new Date() } });
      return { world };
    case "message outside scope":
      await assign(staff);
      await grant(staff);
      return { world, ids: [world.messageIds[20]!, world.messageIds[35]!] };
  }
}

const expected: Record<Scenario, (role: Role) => string> = {
  "live grant": (r) => (CONTENT_READERS.includes(r) ? "ALLOWED" : "ROLE"),
  "no grant": (r) => (CONTENT_READERS.includes(r) ? "NO_GRANT" : r === "LEGAL" ? "NO_GRANT" : "ROLE"),
  "expired grant": (r) => (CONTENT_READERS.includes(r) ? "GRANT_EXPIRED" : "ROLE"),
  "another reviewer's case": (r) => (["AUDITOR", "ADMIN"].includes(r) ? "ROLE" : "NOT_ASSIGNED"),
  "closed case": (r) => (["AUDITOR", "ADMIN"].includes(r) ? "ROLE" : "CASE_CLOSED"),
  "message outside scope": (r) => (CONTENT_READERS.includes(r) ? "OUT_OF_SCOPE" : "ROLE"),
};

afterAll(() => disconnectDb());

describe("GET /api/v1/cases/{caseId}/messages — role × situation", () => {
  const scenarios = Object.keys(expected) as Scenario[];
  for (const role of ROLES) {
    for (const scenario of scenarios) {
      const want = expected[scenario](role);
      it(`${role} with ${scenario} → ${want}`, async () => {
        const staff = await makeStaff([role]);
        const { world, ids } = await arrange(staff, scenario);
        const before = await lastSeq();
        let body: Awaited<ReturnType<typeof readCaseMessages>> | null = null;
        let error: AppError | null = null;
        try {
          body = await readCaseMessages(staff, { caseId: world.caseId, messageIds: ids }, meta);
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          error = e;
        }
        const events = await eventsSince(before);
        expect(events).toHaveLength(1);
        const [ev] = events;
        expect(ev!.actorId).toBe(staff.id);
        expect(ev!.action).toBe("CONTENT_READ");
        if (want === "ALLOWED") {
          expect(error).toBeNull();
          expect(body!.messages.map((m) => m.position)).toEqual(Array.from({ length: 21 }, (_, i) => 10 + i));
          expect(body!.messages.map((m) => m.text)).toEqual(world.texts.slice(9, 30));
          expect(ev!.outcome).toBe("ALLOWED");
          expect(ev!.messageIds).toEqual(body!.messages.map((m) => m.id));
          // The event names every sender whose words were revealed, and no one else.
          expect([...ev!.accountIds].sort()).toEqual([...new Set(body!.messages.map((m) => m.sender.accountId))].sort());
          expect(new Set(body!.messages.map((m) => m.sender.handle.replace(/_.*/, "")))).toEqual(new Set(["alex", "blake"]));
          expect(ev!.caseId).toBe(world.caseId);
          expect(body!.eventSeq).toBe(ev!.seq.toString());
        } else {
          expect(body).toBeNull();
          // Someone else's case answers as a missing one; the event keeps the true reason.
          const hidden = scenario === "another reviewer's case" && want === "NOT_ASSIGNED";
          expect(error!.status).toBe(hidden ? 404 : 403);
          expect(error!.code).toBe(hidden ? "CASE_NOT_FOUND" : want);
          expect(ev!.outcome).toBe("DENIED");
          expect(ev!.denialReason).toBe(want);
          expect(ev!.messageIds).toEqual([]);
          // Every refusal, the role's included, is found in the case's own history.
          expect(ev!.caseId).toBe(world.caseId);
        }
      });
    }
  }
});

describe("the reviewer journey through the lib", () => {
  it("claim → grant of reported ± 10 for 30 minutes → read → decide ends the grant", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation({ messages: 60, reportedPosition: 30 });
    const before = await lastSeq();
    await claimCase(reviewer, world.caseId, meta);
    const t0 = Date.now();
    const { status, grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: JUSTIFICATION }, meta);
    expect(status).toBe(201);
    expect([grant.scopeFrom, grant.scopeTo]).toEqual([20, 40]);
    const minutes = (Date.parse(grant.expiresAt) - t0) / 60_000;
    expect(minutes).toBeGreaterThan(29.9);
    expect(minutes).toBeLessThan(30.1);

    const read = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    expect(read.messages).toHaveLength(21);
    expect(read.messages.filter((m) => m.reported).map((m) => m.position)).toEqual([30]);
    expect(read.scope).toEqual({ from: 20, to: 40, hasEarlier: true, hasLater: true });

    await decideCase(reviewer, { caseId: world.caseId, decision: "WARN", note: "Warned for insults." }, meta);
    await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject({ status: 403, code: "CASE_CLOSED" });
    const g = await getDb().accessGrant.findUniqueOrThrow({ where: { id: grant.id } });
    expect(g.status).toBe("ENDED");

    const actions = (await eventsSince(before, world.caseId)).map((e) => `${e.action}:${e.outcome}`);
    expect(actions).toEqual(["CASE_CLAIMED:ALLOWED", "GRANT_REQUESTED:ALLOWED", "CONTENT_READ:ALLOWED", "CASE_DECIDED:ALLOWED", "CONTENT_READ:DENIED"]);
  });

  it("refuses a grant to someone who has not claimed the case, a short justification and a wrong purpose, logging each", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    const before = await lastSeq();
    await expect(requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: JUSTIFICATION }, meta)).rejects.toMatchObject({ status: 404, code: "CASE_NOT_FOUND" });
    await claimCase(reviewer, world.caseId, meta);
    await expect(requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "too short" }, meta)).rejects.toMatchObject({ code: "JUSTIFICATION_TOO_SHORT" });
    await expect(requestGrant(reviewer, { caseId: world.caseId, purpose: "LEGAL_PROCESS", justification: JUSTIFICATION }, meta)).rejects.toMatchObject({ code: "PURPOSE_MISMATCH" });
    const denied = (await eventsSince(before, world.caseId)).filter((e) => e.outcome === "DENIED").map((e) => e.denialReason);
    expect(denied).toEqual(["NOT_ASSIGNED", "JUSTIFICATION_TOO_SHORT", "PURPOSE_MISMATCH"]);
  });

  it("a guessed or malformed case id finds nothing and is logged as a denial", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const before = await lastSeq();
    await expect(readCaseMessages(reviewer, { caseId: "019a0000-0000-7000-8000-000000000000" }, meta)).rejects.toMatchObject({ status: 404, code: "CASE_NOT_FOUND" });
    await expect(readCaseMessages(reviewer, { caseId: "../../etc/passwd" }, meta)).rejects.toMatchObject({ status: 404, code: "CASE_NOT_FOUND" });
    const events = await eventsSince(before);
    expect(events.map((e) => e.denialReason)).toEqual(["CASE_NOT_FOUND", "CASE_NOT_FOUND"]);
  });

  it("an auditor's refusal names a real case in the event, and only the id tried for a guessed one", async () => {
    const auditor = await makeStaff(["AUDITOR"]);
    const world = await makeReportedConversation();
    const guessed = "019a0000-0000-7000-8000-0000000000aa";
    const before = await lastSeq();
    for (const caseId of [world.caseId, guessed]) {
      await expect(readCaseMessages(auditor, { caseId }, meta)).rejects.toMatchObject({ status: 403, code: "ROLE" });
    }
    const events = await eventsSince(before);
    expect(events.map((e) => [e.denialReason, e.caseId, (e.details as { requestedCaseId?: string } | null)?.requestedCaseId])).toEqual([
      ["ROLE", world.caseId, undefined],
      ["ROLE", null, guessed],
    ]);
  });

  it("two reviewers racing to claim: exactly one wins", async () => {
    const [a, b] = await Promise.all([makeStaff(["REVIEWER"]), makeStaff(["REVIEWER"])]);
    const world = await makeReportedConversation();
    const before = await lastSeq();
    const results = await Promise.allSettled([claimCase(a, world.caseId, meta), claimCase(b, world.caseId, meta)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    // The loser is told what anyone is told about a case that is not theirs; the log says why.
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(["CASE_NOT_FOUND"]);
    const denied = (await eventsSince(before, world.caseId)).filter((e) => e.outcome === "DENIED").map((e) => e.denialReason);
    expect(denied).toEqual(["ALREADY_CLAIMED"]);
  });
});
