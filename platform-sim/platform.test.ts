import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { CustodyClient } from "./custody-client";
import { EVERYDAY, GROOMING, HOSTILE, UNFLAGGED_ABUSE } from "./lines";
import { Platform } from "./platform";
import { World } from "./world";

// The platform's behaviour against a stand-in for Custody's intake that verifies every
// request's signature and answers as the README says: members are pushed before they write,
// a suspended member's DMs are held, reports name the abusive message, and the log never
// carries a message's text.

const secret = `whsec_${randomBytes(32).toString("base64")}`;

function fakeCustody() {
  const requests: { path: string; body: Record<string, unknown>; webhookId: string }[] = [];
  const fetchImpl: typeof fetch = async (url, init) => {
    const text = String(init!.body);
    const headers = init!.headers as Record<string, string>;
    new Webhook(secret).verify(text, headers); // throws, failing the test, on a bad signature
    const path = new URL(String(url)).pathname;
    const body = JSON.parse(text) as Record<string, unknown>;
    requests.push({ path, body, webhookId: headers["webhook-id"]! });
    const answer =
      path.endsWith("/accounts")
        ? { accepted: (body.accounts as unknown[]).length, duplicate: 0, refused: 0, accounts: [] }
        : path.endsWith("/messages")
          ? { accepted: 1, duplicate: 0, flagged: 0, messages: [{ id: (body.messages as { id: string }[])[0]!.id, status: "accepted" }] }
          : path.endsWith("/reports")
            ? { reportId: "01a23808-0000-7000-8000-000000000001", caseId: "01a23808-0000-7000-8000-000000000002", newCase: true }
            : { appealId: "01a23808-0000-7000-8000-000000000003", caseId: "01a23808-0000-7000-8000-000000000004" };
    return new Response(JSON.stringify(answer), { status: path.endsWith("/reports") || path.endsWith("/appeals") ? 201 : 200 });
  };
  return { requests, client: new CustodyClient("http://custody.test", secret, { fetch: fetchImpl, attempts: 1 }) };
}

function setup(random: () => number = Math.random) {
  const { requests, client } = fakeCustody();
  const lines: string[] = [];
  const platform = new Platform(new World("t"), client, (l) => lines.push(l), random);
  return { requests, lines, platform, world: platform.world };
}

describe("the simulated platform", () => {
  it("pushes members before their DMs, declares each conversation once, and signs every request with its own id", async () => {
    const { requests, platform } = setup();
    await platform.populate(4, 3);
    for (let i = 0; i < 10; i++) await platform.tick({ hostileShare: 0.3, reportEvery: 1000, appealShare: 0 });
    expect(requests[0]!.path).toBe("/api/v1/intake/accounts");
    const messages = requests.filter((r) => r.path === "/api/v1/intake/messages");
    expect(messages).toHaveLength(10);
    const declared = messages.flatMap((r) => (r.body.conversations as { id: string }[]).map((c) => c.id));
    expect(new Set(declared).size).toBe(declared.length);
    expect(new Set(requests.map((r) => r.webhookId)).size).toBe(requests.length);
  });

  it("holds the DMs of a suspended member: automatic traffic never sends as them", async () => {
    const { requests, platform, world } = setup();
    await platform.populate(3, 3);
    const [a] = [...world.accounts.values()];
    world.applyDecision("d1", { decisionId: "d1", caseId: "c", caseNumber: 1, action: "SUSPEND", target: { accountId: a!.id, messageIds: [] }, ground: { category: "HARASSMENT", basis: "USER_REPORT" }, automatedDetection: false, reports: [] });
    for (let i = 0; i < 30; i++) await platform.tick({ hostileShare: 0.2, reportEvery: 1000, appealShare: 0 });
    const senders = requests.filter((r) => r.path === "/api/v1/intake/messages").map((r) => (r.body.messages as { senderId: string }[])[0]!.senderId);
    expect(senders.length).toBeGreaterThan(0);
    expect(senders).not.toContain(a!.id);
    await expect(platform.send([...world.conversations.values()].find((c) => c.participantIds.includes(a!.id))!, a!.id, "everyday", "hi")).resolves.toBeNull();
  });

  it("a report scenario reports the other member's abusive message in a conversation of its own; an appeal names the decision", async () => {
    const { requests, platform, world } = setup();
    const run = await platform.reportScenario({ category: "THREATS" });
    const report = requests.find((r) => r.path === "/api/v1/intake/reports")!.body;
    expect(report).toMatchObject({ reporterId: run.reporterId, conversationId: run.conversationId, messageIds: [run.messageId], category: "THREATS" });
    const abusive = requests.filter((r) => r.path === "/api/v1/intake/messages").map((r) => (r.body.messages as { id: string; senderId: string; text: string }[])[0]!);
    expect(abusive.find((m) => m.id === run.messageId)).toMatchObject({ senderId: run.offenderId, text: UNFLAGGED_ABUSE.find((l) => l.category === "THREATS")!.text });
    world.applyDecision("01a23808-0000-7000-8000-00000000000d", { decisionId: "01a23808-0000-7000-8000-00000000000d", caseId: "c", caseNumber: 1, action: "SUSPEND", target: { accountId: run.offenderId, messageIds: [] }, ground: { category: "THREATS", basis: "USER_REPORT" }, automatedDetection: false, reports: [] });
    await platform.appeal();
    expect(requests.at(-1)).toMatchObject({ path: "/api/v1/intake/appeals", body: { decisionId: "01a23808-0000-7000-8000-00000000000d", appellantId: run.offenderId } });
  });

  it("never logs a message's text", async () => {
    const { lines, platform } = setup();
    await platform.populate(4, 2);
    for (let i = 0; i < 20; i++) await platform.tick({ hostileShare: 0.5, reportEvery: 5, appealShare: 0 });
    await platform.reportScenario();
    await platform.groomingScenario();
    const out = lines.join("\n");
    for (const text of [...EVERYDAY, ...HOSTILE.map((h) => h.text), ...UNFLAGGED_ABUSE.map((h) => h.text), ...GROOMING]) expect(out).not.toContain(text);
    expect(out).toMatch(/→ DM /);
  });
});
