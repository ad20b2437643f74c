import { afterAll, describe, expect, it } from "vitest";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { recordEvent } from "@/lib/log/events/record-event";
import { disconnectDb, getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { teamAccessHistory } from "@/lib/history/team-access";
import { assignTo, makeReportedConversation, makeStaff, meta, refused } from "./world";

// A lead's view of the review team's access history, against a real database: it shows what
// reviewers and leads did (reads with message counts, grant steps, refusals), never message
// ids or text, never legal, audit or admin work, and only leads may open it.

afterAll(() => disconnectDb());

async function reviewerWhoRead() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 40, reportedPosition: 20 });
  await assignTo(world.caseId, reviewer);
  await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: "Reviewing the reported messages in context" }, meta);
  const body = await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
  return { reviewer, world, read: body };
}

describe("team access history", () => {
  it("shows a lead the team's reads with how many messages, grant steps and refusals, newest first", async () => {
    const lead = await makeStaff(["LEAD"]);
    const { reviewer, world, read } = await reviewerWhoRead();
    await refused(readCaseMessages({ ...reviewer, stepUpAt: null }, { caseId: world.caseId }, meta), "STEP_UP_REQUIRED");

    const page = await teamAccessHistory(lead, { memberId: reviewer.id });
    expect(page.events.map((e) => [e.action, e.outcome])).toEqual([
      ["CONTENT_READ", "DENIED"],
      ["CONTENT_READ", "ALLOWED"],
      ["GRANT_REQUESTED", "ALLOWED"],
    ]);
    const allowed = page.events.find((e) => e.action === "CONTENT_READ" && e.outcome === "ALLOWED")!;
    expect(allowed).toMatchObject({ seq: read.eventSeq, caseId: world.caseId, messageCount: read.messages.length, actor: { id: reviewer.id, email: reviewer.email } });
    expect(page.events.find((e) => e.outcome === "DENIED")).toMatchObject({ denialReason: "STEP_UP_REQUIRED" });
    // A history says how many messages, never which ones, and never their words.
    const text = JSON.stringify(page);
    for (const m of read.messages) {
      expect(text).not.toContain(m.id);
      expect(text).not.toContain(m.text);
    }
    expect(page.members.map((m) => m.id)).toEqual(expect.arrayContaining([reviewer.id, lead.id]));
  });

  it("filters by kind and pages by seq", async () => {
    const lead = await makeStaff(["LEAD"]);
    const { reviewer, world } = await reviewerWhoRead();
    for (let i = 0; i < 3; i++) await readCaseMessages(reviewer, { caseId: world.caseId }, meta);
    const reads = await teamAccessHistory(lead, { memberId: reviewer.id, kind: "reads", limit: 2 });
    expect(reads.events.map((e) => e.action)).toEqual(["CONTENT_READ", "CONTENT_READ"]);
    expect(reads.nextCursor).toBe(reads.events[1]!.seq);
    const older = await teamAccessHistory(lead, { memberId: reviewer.id, kind: "reads", limit: 2, cursor: reads.nextCursor! });
    expect(older.events).toHaveLength(2);
    expect(BigInt(older.events[0]!.seq)).toBeLessThan(BigInt(reads.events[1]!.seq));
    expect(older.nextCursor).toBeNull();
  });

  it("leaves out what staff did in other roles: legal, audit and admin work is not the team's", async () => {
    const lead = await makeStaff(["LEAD"]);
    const others: string[] = [];
    for (const roles of [["LEGAL"], ["AUDITOR"], ["ADMIN"]] as const) {
      const other = await makeStaff([...roles]);
      others.push(other.id);
      await recordEvent(getDb(), { actor: { id: other.id, email: other.email, roles: other.roles }, action: "ACCESS_DENIED", outcome: "DENIED", denialReason: "ROLE", details: { operation: "PAGE /queue" }, meta });
      const page = await teamAccessHistory(lead, { memberId: other.id });
      expect(page.events, roles[0]).toEqual([]);
      expect(page.members.map((m) => m.id)).not.toContain(other.id);
    }
    // Their events are the newest in the log, so they would head the unfiltered page if shown.
    const everyone = await teamAccessHistory(lead, { limit: 50 });
    expect(everyone.events.length).toBeGreaterThan(0);
    expect(everyone.events.filter((e) => others.includes(e.actor.id ?? ""))).toEqual([]);
  });

  it("refuses everyone but leads, whatever the filters", async () => {
    for (const roles of [["REVIEWER"], ["LEGAL"], ["AUDITOR"], ["ADMIN"]] as const) {
      const who = await makeStaff([...roles]);
      const err = await teamAccessHistory(who, { memberId: who.id }).catch((e: unknown) => e);
      expect(err, roles[0]).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(403);
    }
  });

  it("ignores a member id that is not a uuid rather than failing", async () => {
    const lead = await makeStaff(["LEAD"]);
    await expect(teamAccessHistory(lead, { memberId: "'; DROP TABLE staff; --", limit: 5 })).resolves.toMatchObject({ events: expect.any(Array) });
  });
});
