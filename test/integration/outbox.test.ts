import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { decideCase } from "@/lib/cases/decide-case";
import { disconnectDb, getDb, withPgClient } from "@/lib/db";
import type { JobRunner } from "@/lib/jobs/runner/job-runner";
import { attemptDelivery } from "@/lib/outbox/attempt-delivery";
import { decisionWebhookSchema, deliveryJobKey } from "@/lib/outbox/decision-webhook";
import { startDispatcher } from "@/lib/outbox/dispatcher";
import { asOwner, decidedCase, delivery, eventually, jobsFor, testOutboxConfig } from "./outbox-fixtures";
import { WebhookReceiver } from "./support/webhook-receiver";
import { assignTo, makeReportedConversation, makeStaff, meta } from "./world";

// The transactional outbox (issue 9 §3): a final decision, its delivery row and its queued job
// are written in one transaction, and a dispatcher delivers the stored body as a Standard
// Webhooks-signed POST to a real HTTP receiver that verifies it, retrying with backoff.

const receiver = new WebhookReceiver();
let runner: JobRunner | null = null;

beforeAll(async () => {
  await receiver.start();
});

afterEach(async () => {
  await runner?.stop();
  runner = null;
  receiver.status = 200;
  receiver.delayMs = 0;
});

afterAll(async () => {
  await receiver.stop();
  await disconnectDb();
});

const tx = <T>(fn: Parameters<typeof withPgClient<T>>[0]) => withPgClient(fn);

describe("a final decision goes into the outbox with the case's closing", () => {
  it("writes the decision, its delivery (the exact webhook body) and one queued job", async () => {
    const { world, decisionId } = await decidedCase("REMOVE_MESSAGE");
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);
    const row = await getDb().decision.findUniqueOrThrow({ where: { id: decisionId! }, include: { targetAccount: true } });
    const reported = world.messageIds[world.reportedPosition - 1]!;
    // Default target: the sender of the reported message; REMOVE_MESSAGE removes that message.
    const sender = await getDb().message.findUniqueOrThrow({ where: { id: reported }, select: { senderId: true, externalId: true } });
    expect(row).toMatchObject({ caseId: world.caseId, action: "REMOVE_MESSAGE", targetAccountId: sender.senderId, targetMessageIds: [reported], automatedDetection: false, basis: "USER_REPORT" });

    const d = await delivery(decisionId!);
    expect(d).toMatchObject({ status: "QUEUED", attempts: 0 });
    const body = decisionWebhookSchema.parse(d.payload);
    expect(body.data).toMatchObject({
      decisionId,
      caseId: world.caseId,
      action: "REMOVE_MESSAGE",
      target: { accountId: row.targetAccount.externalId, messageIds: [sender.externalId] },
      ground: { category: "HARASSMENT", basis: "USER_REPORT", policy: expect.stringContaining("harassment") },
      automatedDecision: false,
      facts: "Insults after being asked to stop.",
      appealOf: null,
    });
    // Reporter feedback: the report led to action.
    expect(body.data.reports).toEqual([{ reportId: expect.stringMatching(/^rep-/), actionTaken: true }]);
    // Only platform ids in the body: no Custody account ids, no DM text.
    expect(JSON.stringify(body)).not.toContain(sender.senderId);
    expect(JSON.stringify(body)).not.toContain(world.texts[world.reportedPosition - 1]!);

    expect(await jobsFor(decisionId!)).toEqual([expect.objectContaining({ key: deliveryJobKey(decisionId!), locked_by: null })]);
    const event = await getDb().accessEvent.findFirstOrThrow({ where: { caseId: world.caseId, action: "CASE_DECIDED" } });
    expect(event.details).toMatchObject({ decisionId, targetAccountId: sender.senderId });
    expect(event.accountIds).toEqual([sender.senderId]);
    // What the platform is told is not rewritten afterwards: the application may not change it.
    await expect(getDb().decision.update({ where: { id: decisionId! }, data: { action: "WARN" } })).rejects.toThrow(/permission denied/);
    await expect(getDb().decision.delete({ where: { id: decisionId! } })).rejects.toThrow(/permission denied/);
  });

  it("NO_VIOLATION is delivered too, telling the reporter nothing was done; ESCALATE is not a decision and is not delivered", async () => {
    const cleared = await decidedCase("NO_VIOLATION");
    expect(decisionWebhookSchema.parse((await delivery(cleared.decisionId!)).payload).data.reports.every((r) => !r.actionTaken)).toBe(true);

    const escalated = await decidedCase("ESCALATE");
    expect(escalated.decisionId).toBeNull();
    expect(await getDb().decision.count({ where: { caseId: escalated.world.caseId } })).toBe(0);
    expect(await asOwner(async (c) => (await c.query(`select count(*)::int as n from graphile_worker._private_jobs j join decision d on d.id::text = j.payload->>'decisionId' where d.case_id = $1`, [escalated.world.caseId])).rows[0].n)).toBe(0);
  });

  it("targets the participant the reviewer chose, and refuses one outside the conversation with nothing written", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, reviewer);
    const stranger = await makeReportedConversation();
    await expect(decideCase(reviewer, { caseId: world.caseId, decision: "SUSPEND", note: "Suspended.", targetAccountId: stranger.accountIds[0] }, meta)).rejects.toMatchObject({ status: 400, code: "TARGET_NOT_PARTICIPANT" });
    expect(await getDb().case.findUniqueOrThrow({ where: { id: world.caseId }, select: { status: true } })).toEqual({ status: "IN_REVIEW" });
    expect(await getDb().decision.count({ where: { caseId: world.caseId } })).toBe(0);

    // The reported message (position 20) is the second account's; choose the first instead.
    const reporter = world.accountIds[0];
    const { decisionId } = await decideCase(reviewer, { caseId: world.caseId, decision: "SUSPEND", note: "Suspended.", targetAccountId: reporter }, meta);
    expect((await getDb().decision.findUniqueOrThrow({ where: { id: decisionId! } })).targetAccountId).toBe(reporter);
  });
});

describe("an appeal's decision", () => {
  it("names the decision appealed, and applies by default to the same account and messages", async () => {
    const original = await decidedCase("REMOVE_MESSAGE");
    const first = await getDb().decision.findUniqueOrThrow({ where: { id: original.decisionId! } });
    const appeal = await getDb().case.create({
      data: { basis: "APPEAL", category: "HARASSMENT", priority: 2, conversationId: original.world.conversationId, appealOfId: original.world.caseId },
      select: { id: true },
    });
    const other = await makeStaff(["REVIEWER"]);
    await assignTo(appeal.id, other);
    const { decisionId } = await decideCase(other, { caseId: appeal.id, decision: "REMOVE_MESSAGE", note: "Upheld on appeal." }, meta);
    const body = decisionWebhookSchema.parse((await delivery(decisionId!)).payload);
    expect(body.data).toMatchObject({ appealOf: original.decisionId, ground: { basis: "APPEAL" }, reports: [] });
    const row = await getDb().decision.findUniqueOrThrow({ where: { id: decisionId! } });
    expect(row).toMatchObject({ appealOfId: original.decisionId, targetAccountId: first.targetAccountId, targetMessageIds: first.targetMessageIds });
  });
});

describe("the decision and its outbox entry commit together or not at all", () => {
  async function plantFailure(table: string, when: string) {
    await asOwner((c) =>
      c.query(`create or replace function outbox_test_fail() returns trigger language plpgsql as $$ begin raise exception 'planted failure'; end $$;
               create trigger outbox_test_fail before insert on ${table} for each row when (${when}) execute function outbox_test_fail();`),
    );
    return () => asOwner((c) => c.query(`drop trigger outbox_test_fail on ${table}; drop function outbox_test_fail();`));
  }

  async function expectNothingWritten(caseId: string) {
    expect(await getDb().case.findUniqueOrThrow({ where: { id: caseId }, select: { status: true, decision: true } })).toEqual({ status: "IN_REVIEW", decision: null });
    expect(await getDb().decision.count({ where: { caseId } })).toBe(0);
    expect(await getDb().accessEvent.count({ where: { caseId, action: "CASE_DECIDED" } })).toBe(0);
    expect(await getDb().outboundDelivery.count({ where: { decision: { caseId } } })).toBe(0);
  }

  it("when the job cannot be queued, there is no decision, no delivery and no logged decision", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, reviewer);
    const jobsBefore = await asOwner(async (c) => (await c.query("select count(*)::int as n from graphile_worker._private_jobs")).rows[0].n);
    const undo = await plantFailure("graphile_worker._private_jobs", "true");
    try {
      await expect(decideCase(reviewer, { caseId: world.caseId, decision: "WARN", note: "Warned." }, meta)).rejects.toThrow(/planted failure/);
    } finally {
      await undo();
    }
    await expectNothingWritten(world.caseId);
    expect(await asOwner(async (c) => (await c.query("select count(*)::int as n from graphile_worker._private_jobs")).rows[0].n)).toBe(jobsBefore);
  });

  it("when the decision cannot be logged (the last step), no delivery row or job is left behind", async () => {
    const reviewer = await makeStaff(["REVIEWER"]);
    const world = await makeReportedConversation();
    await assignTo(world.caseId, reviewer);
    const jobsBefore = await asOwner(async (c) => (await c.query("select count(*)::int as n from graphile_worker._private_jobs")).rows[0].n);
    const undo = await plantFailure("access_event", `new.action = 'CASE_DECIDED' and new.case_id = '${world.caseId}'`);
    try {
      await expect(decideCase(reviewer, { caseId: world.caseId, decision: "WARN", note: "Warned." }, meta)).rejects.toThrow(/planted failure/);
    } finally {
      await undo();
    }
    await expectNothingWritten(world.caseId);
    expect(await asOwner(async (c) => (await c.query("select count(*)::int as n from graphile_worker._private_jobs")).rows[0].n)).toBe(jobsBefore);
  });
});

describe("the dispatcher", () => {
  it("delivers a decision signed with Standard Webhooks: webhook-id is the decision id, the receiver verifies it, the row says delivered", async () => {
    runner = await startDispatcher({ connectionString: process.env.DATABASE_URL!, config: testOutboxConfig(receiver.url, receiver.secret), log: () => {} });
    const { decisionId } = await decidedCase("WARN");
    await eventually(async () => (await delivery(decisionId!)).status === "DELIVERED", 10_000, "delivery");
    const got = receiver.received.filter((r) => r.webhookId === decisionId);
    expect(got).toHaveLength(1);
    expect(got[0]!.verified).toBe(true);
    const body = decisionWebhookSchema.parse(JSON.parse(got[0]!.body));
    expect(body.data.decisionId).toBe(decisionId);
    expect(await delivery(decisionId!)).toMatchObject({ status: "DELIVERED", attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null, deliveredAt: expect.any(Date) });
    expect(await jobsFor(decisionId!)).toEqual([]);
  });

  it("a forged signature is what the receiver refuses: the same body under another secret does not verify", async () => {
    const { decisionId } = await decidedCase("WARN");
    const forged = { ...testOutboxConfig(receiver.url, `whsec_${Buffer.from("not the platform's secret!!").toString("base64")}`), webhookUrl: receiver.url, webhookSecret: `whsec_${Buffer.from("not the platform's secret!!").toString("base64")}` };
    const outcome = await attemptDelivery(tx, forged, decisionId!);
    expect(outcome).toMatchObject({ kind: "failed", status: 401, error: "HTTP 401" });
    expect(receiver.received.find((r) => r.webhookId === decisionId)?.verified).toBe(false);
    expect(receiver.applied.has(decisionId!)).toBe(false);
  });

  it("duplicates are harmless: a second delivery of one decision carries the same webhook-id and body, and the platform applies it once", async () => {
    const { decisionId } = await decidedCase("SUSPEND");
    const config = { ...testOutboxConfig(receiver.url, receiver.secret), webhookUrl: receiver.url, webhookSecret: receiver.secret };
    expect(await attemptDelivery(tx, config, decisionId!)).toMatchObject({ kind: "delivered" });
    // A delivered decision is not sent again by its job...
    expect(await attemptDelivery(tx, config, decisionId!)).toEqual({ kind: "skipped" });
    // ...but at least once means a crash between the POST and the record sends it twice.
    await asOwner((c) => c.query("update outbound_delivery set status = 'FAILING' where decision_id = $1", [decisionId]));
    expect(await attemptDelivery(tx, config, decisionId!)).toMatchObject({ kind: "delivered" });
    const got = receiver.received.filter((r) => r.webhookId === decisionId);
    expect(got).toHaveLength(2);
    expect(got.every((r) => r.verified)).toBe(true);
    expect(got[1]!.body).toBe(got[0]!.body);
    expect([...receiver.applied.keys()].filter((k) => k === decisionId)).toHaveLength(1);
  });

  it("a failing endpoint: records the status (never the answer's body), schedules the next try with backoff, then delivers", async () => {
    receiver.status = 503;
    runner = await startDispatcher({ connectionString: process.env.DATABASE_URL!, config: testOutboxConfig(receiver.url, receiver.secret), log: () => {} });
    const { decisionId } = await decidedCase("RESTRICT_DMS");
    const failing = await eventually(async () => {
      const d = await delivery(decisionId!);
      return d.status === "FAILING" && d.attempts >= 2 ? d : null;
    }, 10_000, "two failed attempts");
    expect(failing).toMatchObject({ lastStatus: 503, lastError: "HTTP 503", nextAttemptAt: expect.any(Date) });
    expect(JSON.stringify(failing)).not.toContain("secret-looking");
    // One job holds the key (the next try). A just-finished attempt's job may linger for a moment
    // without it: replacing a keyed job that is locked leaves the old one keyless until it ends.
    expect((await jobsFor(decisionId!)).filter((j) => j.key !== null)).toEqual([expect.objectContaining({ key: deliveryJobKey(decisionId!) })]);
    receiver.status = 200;
    const done = await eventually(async () => {
      const d = await delivery(decisionId!);
      return d.status === "DELIVERED" ? d : null;
    }, 10_000, "delivery after recovery");
    expect(done.attempts).toBeGreaterThanOrEqual(3);
    expect(done.lastError).toBeNull();
  });

  it("a receiver that does not answer in time counts as a failure with a clear error", async () => {
    receiver.delayMs = 1500;
    const { decisionId } = await decidedCase("WARN");
    const config = { ...testOutboxConfig(receiver.url, receiver.secret, { CUSTODY_DELIVERY_TIMEOUT_SECONDS: "0.3" }), webhookUrl: receiver.url, webhookSecret: receiver.secret };
    expect(await attemptDelivery(tx, config, decisionId!)).toMatchObject({ kind: "failed", status: null, error: "no answer within 0.3 s" });
    expect(await delivery(decisionId!)).toMatchObject({ status: "FAILING", lastError: "no answer within 0.3 s", attemptStartedAt: null });
  });

  it("gives up once the retry window has passed, and says so", async () => {
    receiver.status = 500;
    const { decisionId } = await decidedCase("WARN");
    const config = { ...testOutboxConfig(receiver.url, receiver.secret, { CUSTODY_DELIVERY_GIVE_UP_SECONDS: "0.5" }), webhookUrl: receiver.url, webhookSecret: receiver.secret };
    await asOwner((c) => c.query("update outbound_delivery set window_started_at = now() - interval '1 second' where decision_id = $1", [decisionId]));
    expect(await attemptDelivery(tx, config, decisionId!)).toMatchObject({ kind: "failed", nextAttemptAt: null });
    expect(await delivery(decisionId!)).toMatchObject({ status: "GIVEN_UP", givenUpAt: expect.any(Date), nextAttemptAt: null, lastError: "HTTP 500" });
    expect(await attemptDelivery(tx, config, decisionId!)).toEqual({ kind: "skipped" });
  });

  it("without an endpoint no dispatcher runs: the decision stays queued, its job waiting", async () => {
    const lines: string[] = [];
    expect(await startDispatcher({ connectionString: process.env.DATABASE_URL!, config: testOutboxConfig("", ""), log: (l) => lines.push(l) })).toBeNull();
    expect(lines.join()).toMatch(/CUSTODY_PLATFORM_WEBHOOK_URL is not set/);
    const { decisionId } = await decidedCase("WARN");
    expect(await delivery(decisionId!)).toMatchObject({ status: "QUEUED", attempts: 0 });
    expect(await jobsFor(decisionId!)).toHaveLength(1);
  });
});
