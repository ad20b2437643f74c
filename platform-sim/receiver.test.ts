import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { CustodyClient } from "./custody-client";
import { Platform } from "./platform";
import { createSimServer } from "./server";
import { World } from "./world";

// The decision receiver over real HTTP: a signed decision is verified and applied once (a
// suspended account stops sending), a repeat is answered and not re-applied, a forgery or a
// stale signature is refused and counted, and a simulated outage answers 503.

const secret = `whsec_${randomBytes(32).toString("base64")}`;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function start() {
  const world = new World("t");
  // Custody is never reached in these tests: the receiver needs no intake.
  const platform = new Platform(world, new CustodyClient("http://127.0.0.1:9", secret, { attempts: 1 }), () => {});
  const server = createSimServer({ platform, deliverySecrets: [secret], log: () => {}, info: () => ({}) });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  closers.push(() => new Promise((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { world, base };
}

function decision(decisionId: string, action: string, accountId: string, messageIds: string[] = []) {
  return JSON.stringify({
    type: "decision.created",
    timestamp: new Date().toISOString(),
    data: {
      decisionId,
      caseId: "01a23808-0000-7000-8000-000000000001",
      caseNumber: 7,
      action,
      target: { accountId, messageIds },
      ground: { category: "HARASSMENT", basis: "USER_REPORT", policy: "x" },
      automatedDetection: false,
      automatedDecision: false,
      facts: "",
      decidedAt: new Date().toISOString(),
      appealOf: null,
      reports: [{ reportId: "t_r1", actionTaken: true }],
    },
  });
}

async function deliver(base: string, id: string, body: string, opts: { key?: string; at?: Date } = {}) {
  const at = opts.at ?? new Date();
  const headers = { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": new Webhook(opts.key ?? secret).sign(id, at, body) };
  return fetch(`${base}/webhooks/custody`, { method: "POST", headers, body });
}

describe("the decision receiver", () => {
  it("verifies and applies a suspension once; the account stops sending; /state shows it verified", async () => {
    const { world, base } = await start();
    world.addAccount({ id: "t_u1", handle: "u1", displayName: "U", dataRegion: "US", minor: false });
    expect(world.canSend("t_u1")).toBe(true);
    const body = decision("d-1", "SUSPEND", "t_u1");
    expect((await deliver(base, "d-1", body)).status).toBe(204);
    expect(world.canSend("t_u1")).toBe(false);
    // At-least-once: the outbox may deliver again (same webhook-id, fresh timestamp).
    expect((await deliver(base, "d-1", body)).status).toBe(204);
    const state = (await (await fetch(`${base}/state`)).json()) as { accounts: { id: string; status: string }[]; decisions: { decisionId: string; verified: boolean; deliveries: number; action: string }[]; counts: Record<string, number> };
    expect(state.accounts).toContainEqual(expect.objectContaining({ id: "t_u1", status: "suspended" }));
    expect(state.decisions).toEqual([expect.objectContaining({ decisionId: "d-1", action: "SUSPEND", verified: true, deliveries: 2 })]);
    expect(state.counts).toMatchObject({ decisionsReceived: 1, duplicateDeliveries: 1, refusedDeliveries: 0 });
    // The suspended member's next DM is held by the platform: Custody (unreachable here) is never called.
    world.addConversation(["t_u1", "t_u2"]);
    const held = await fetch(`${base}/actions/message`, { method: "POST", body: JSON.stringify({ from: "t_u1" }) });
    expect(held.status).toBe(409);
    expect(world.counts).toMatchObject({ messagesHeld: 1, messagesSent: 0, intakeErrors: 0 });
  });

  it("refuses a forged or stale delivery with 401, applies nothing, and counts it", async () => {
    const { world, base } = await start();
    world.addAccount({ id: "t_u1", handle: "u1", displayName: "U", dataRegion: "US", minor: false });
    const forged = await deliver(base, "d-2", decision("d-2", "SUSPEND", "t_u1"), { key: `whsec_${randomBytes(32).toString("base64")}` });
    const stale = await deliver(base, "d-3", decision("d-3", "SUSPEND", "t_u1"), { at: new Date(Date.now() - 10 * 60_000) });
    expect([forged.status, stale.status]).toEqual([401, 401]);
    expect(world.canSend("t_u1")).toBe(true);
    expect(world.decisions.size).toBe(0);
    expect(world.counts.refusedDeliveries).toBe(2);
  });

  it("removes messages, and a milder decision never lifts a stronger one", async () => {
    const { world, base } = await start();
    world.addAccount({ id: "t_u1", handle: "u1", displayName: "U", dataRegion: "US", minor: false });
    const conv = world.addConversation(["t_u1", "t_u2"]);
    conv.messages.push({ id: "t_m1", senderId: "t_u1", kind: "hostile", removed: false });
    await deliver(base, "d-4", decision("d-4", "REMOVE_MESSAGE", "t_u1", ["t_m1"]));
    expect(conv.messages[0]!.removed).toBe(true);
    await deliver(base, "d-5", decision("d-5", "RESTRICT_DMS", "t_u1"));
    await deliver(base, "d-6", decision("d-6", "WARN", "t_u1"));
    expect(world.accounts.get("t_u1")!.status).toBe("restricted");
    expect(world.canSend("t_u1")).toBe(false);
  });

  it("answers 503 during a simulated outage, and accepts again after it", async () => {
    const { world, base } = await start();
    world.addAccount({ id: "t_u1", handle: "u1", displayName: "U", dataRegion: "US", minor: false });
    const on = await fetch(`${base}/actions/outage`, { method: "POST", body: JSON.stringify({ seconds: 60 }) });
    expect(on.status).toBe(200);
    expect((await deliver(base, "d-7", decision("d-7", "WARN", "t_u1"))).status).toBe(503);
    await fetch(`${base}/actions/outage`, { method: "POST", body: JSON.stringify({ seconds: 0 }) });
    expect((await deliver(base, "d-7", decision("d-7", "WARN", "t_u1"))).status).toBe(204);
    expect(world.accounts.get("t_u1")!.status).toBe("warned");
    expect(world.counts).toMatchObject({ outageRefusals: 1, decisionsReceived: 1 });
  });

  it("refuses bad action input with 400 and an unknown route with 404", async () => {
    const { base } = await start();
    expect((await fetch(`${base}/actions/outage`, { method: "POST", body: JSON.stringify({ seconds: -1 }) })).status).toBe(400);
    expect((await fetch(`${base}/actions/report`, { method: "POST", body: JSON.stringify({ category: "SPAM" }) })).status).toBe(400);
    expect((await fetch(`${base}/actions/report`, { method: "POST", body: "{" })).status).toBe(400);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
