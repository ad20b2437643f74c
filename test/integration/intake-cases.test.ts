import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { rowCounts, send, twoAccounts } from "./intake-client";
import { decideCase } from "@/lib/cases/decide-case";
import { assignTo, makeStaff, meta, uid } from "./world";

// Reports and appeals from the platform: a report joins the open case of its conversation
// rather than opening a second; an appeal of a delivered decision opens an APPEAL case linked
// to the decided one; both answer a re-send exactly as the first time.

afterAll(() => disconnectDb());

async function conversation(messages = 4) {
  const p = await twoAccounts();
  const conv = `cc-${p.id}`;
  const ids = Array.from({ length: messages }, (_, i) => `cm-${p.id}-${i + 1}`);
  const res = await send("messages", {
    conversations: [{ id: conv, participantIds: [p.a, p.b] }],
    messages: ids.map((id, i) => ({ id, conversationId: conv, senderId: i % 2 ? p.b : p.a, sentAt: new Date(Date.UTC(2026, 10, 1, 10, i)).toISOString(), text: `line ${i}` })),
  });
  expect(res.status).toBe(200);
  return { ...p, conv, ids, conversationId: (await getDb().conversation.findUniqueOrThrow({ where: { externalId: conv } })).id };
}

const report = (c: Awaited<ReturnType<typeof conversation>>, extra: Record<string, unknown> = {}) => ({ id: `rep-${uid()}`, reporterId: c.b, conversationId: c.conv, messageIds: [c.ids[0]], category: "HARASSMENT", text: "They insult me.", ...extra });

describe("intake reports", () => {
  it("a first report opens a USER_REPORT case (201); re-sent, it answers the same (200) and stores nothing", async () => {
    const c = await conversation();
    const body = report(c, { category: "THREATS" });
    const first = await send("reports", body);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ reportId: expect.any(String), caseId: expect.any(String), newCase: true });
    const kase = await getDb().case.findUniqueOrThrow({ where: { id: first.body.caseId as string } });
    expect(kase).toMatchObject({ basis: "USER_REPORT", category: "THREATS", priority: 1, status: "OPEN", conversationId: c.conversationId });
    const before = await rowCounts();
    const again = await send("reports", body);
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
    expect({ ...(await rowCounts()), intake_replay: before.intake_replay }).toEqual(before);
  });

  it("a second report on the conversation joins its open case, which keeps the more urgent priority", async () => {
    const c = await conversation();
    const first = await send("reports", report(c, { category: "SCAM" }));
    const second = await send("reports", report(c, { reporterId: c.a, messageIds: [c.ids[1]], category: "HATE" }));
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ caseId: first.body.caseId, newCase: false });
    const kase = await getDb().case.findUniqueOrThrow({ where: { id: first.body.caseId as string }, select: { priority: true, reports: { select: { id: true } } } });
    expect(kase.reports).toHaveLength(2);
    expect(kase.priority).toBe(2);
    expect(await getDb().case.count({ where: { conversationId: c.conversationId } })).toBe(1);
    // Re-sending the joining report still says it joined.
    expect((await send("reports", report(c, { id: (await getDb().userReport.findUniqueOrThrow({ where: { id: second.body.reportId as string } })).externalId }))).body).toMatchObject({ newCase: false, caseId: first.body.caseId });
  });

  it("joins an open proactive-flag case; a closed case or a legal-request case gets a new case", async () => {
    const db = getDb();
    const c = await conversation();
    const flag = await db.case.create({ data: { basis: "PROACTIVE_FLAG", category: "GROOMING", priority: 1, conversationId: c.conversationId } });
    expect((await send("reports", report(c))).body).toMatchObject({ caseId: flag.id, newCase: false });

    const d = await conversation();
    await db.case.create({ data: { basis: "USER_REPORT", category: "HATE", priority: 2, conversationId: d.conversationId, status: "CLOSED", decision: "WARN", closedAt: new Date() } });
    await db.case.create({ data: { basis: "LEGAL_REQUEST", category: "THREATS", priority: 1, conversationId: d.conversationId } });
    const fresh = await send("reports", report(d));
    expect(fresh.body.newCase).toBe(true);
    expect((await db.case.findUniqueOrThrow({ where: { id: fresh.body.caseId as string } })).basis).toBe("USER_REPORT");
  });

  it("refuses a reporter who is not a participant, naming the field", async () => {
    const c = await conversation();
    const outsider = (await twoAccounts()).a;
    const before = await rowCounts();
    const res = await send("reports", report(c, { reporterId: outsider }));
    expect({ status: res.status, error: res.body.error }).toMatchObject({ status: 400, error: { code: "NOT_A_PARTICIPANT", field: "reporterId" } });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("intake appeals", () => {
  async function decided() {
    const c = await conversation();
    const r = await send("reports", report(c, { category: "HATE" }));
    const caseId = r.body.caseId as string;
    // Decided the real way, so the decision id is the one the outbound webhook carried.
    const reviewer = await makeStaff(["REVIEWER"]);
    await assignTo(caseId, reviewer);
    const { decisionId } = await decideCase(reviewer, { caseId, decision: "SUSPEND", note: "Hate speech after a warning." }, meta);
    return { ...c, caseId, decisionId: decisionId as string };
  }

  it("opens an APPEAL case linked to the decided case, on its conversation; re-sent, the same answer", async () => {
    const d = await decided();
    const body = { id: `ap-${uid()}`, decisionId: d.decisionId, appellantId: d.a, text: "I was quoting someone." };
    const first = await send("appeals", body);
    expect(first.status).toBe(201);
    const kase = await getDb().case.findUniqueOrThrow({ where: { id: first.body.caseId as string } });
    expect(kase).toMatchObject({ basis: "APPEAL", status: "OPEN", appealOfId: d.caseId, conversationId: d.conversationId, category: "HATE" });
    const before = await rowCounts();
    const again = await send("appeals", body);
    expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
    expect({ ...(await rowCounts()), intake_replay: before.intake_replay }).toEqual(before);
    // A second appeal of the same decision while the appeal is open joins it.
    const second = await send("appeals", { ...body, id: `ap-${uid()}`, appellantId: d.b });
    expect(second.body.caseId).toBe(first.body.caseId);
    expect(await getDb().case.count({ where: { appealOfId: d.caseId } })).toBe(1);
  });

  it("refuses a decision that does not exist or is not final, and an appellant from elsewhere", async () => {
    const d = await decided();
    const open = await conversation();
    const openCase = (await send("reports", report(open))).body.caseId as string;
    const before = await rowCounts();
    // A guessed id, an open case's id, and the decided case's own id (not its decision's).
    for (const decisionId of [crypto.randomUUID(), openCase, d.caseId]) {
      const res = await send("appeals", { id: `ap-${uid()}`, decisionId, appellantId: open.a, text: "no" });
      expect({ status: res.status, error: res.body.error }).toMatchObject({ status: 400, error: { code: "UNKNOWN_DECISION", field: "decisionId" } });
    }
    const bad = await send("appeals", { id: `ap-${uid()}`, decisionId: "not-a-uuid", appellantId: d.a });
    expect({ status: bad.status, field: bad.body.error?.field }).toEqual({ status: 400, field: "decisionId" });
    const stranger = await send("appeals", { id: `ap-${uid()}`, decisionId: d.decisionId, appellantId: open.a });
    expect({ status: stranger.status, error: stranger.body.error }).toMatchObject({ status: 400, error: { code: "NOT_A_PARTICIPANT", field: "appellantId" } });
    expect(await rowCounts()).toEqual(before);
  });
});
