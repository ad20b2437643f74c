import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import type { JobRunner } from "@/lib/jobs/runner/job-runner";
import { startDispatcher } from "@/lib/outbox/dispatcher";
import { asOwner, decidedCase, eventually, testOutboxConfig } from "./outbox-fixtures";
import { WebhookReceiver } from "./support/webhook-receiver";
import { makeStaff } from "./world";

// The outbox's promises under failure (issue 9 §3): a dispatcher killed with SIGKILL in the
// middle of a batch, and a platform endpoint down for a minute, lose nothing — every decision
// is delivered at least once, verified by a real HTTP receiver, and duplicates are harmless.
// The dispatchers here are real `npm run worker` processes (node with tsx's loader, each in
// its own process group), and the minute of downtime is real time (OUTBOX_OUTAGE_SECONDS
// shortens it for a local run; the suite runs the full 60 s).

const root = path.resolve(import.meta.dirname, "../..");
const workers: ChildProcess[] = [];
let inProcess: JobRunner | null = null;

function startWorker(receiver: WebhookReceiver, extra: Record<string, string> = {}) {
  const env = {
    ...process.env,
    CUSTODY_PLATFORM_WEBHOOK_URL: receiver.url,
    CUSTODY_PLATFORM_WEBHOOK_SECRET: receiver.secret,
    CUSTODY_DISPATCHER_CONCURRENCY: "4",
    CUSTODY_RUNNER_STALE_SECONDS: "2",
    CUSTODY_DELIVERY_RETRY_BASE_SECONDS: "0.2",
    CUSTODY_DELIVERY_RETRY_CAP_SECONDS: "1",
    // The lease an attempt holds is this plus 5 s: a killed runner's attempts are retaken after it.
    CUSTODY_DELIVERY_TIMEOUT_SECONDS: "2",
    ...extra,
  };
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/worker.ts"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  workers.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const running = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", () => {
      const m = /running as (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before running:\n${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, running, exited, output: () => out };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function statuses(ids: string[]) {
  const rows = await getDb().outboundDelivery.findMany({ where: { decisionId: { in: ids } }, select: { decisionId: true, status: true, attempts: true, lastError: true } });
  return rows;
}

async function killAll() {
  for (const w of workers.splice(0)) killGroup(w, "SIGKILL");
}

afterAll(async () => {
  await killAll();
  await inProcess?.stop();
  await disconnectDb();
});

describe("the outbox under failure", () => {
  it("a dispatcher killed with SIGKILL mid-batch: another one delivers every decision, at least once", { timeout: 90_000 }, async ({ onTestFinished }) => {
    // Whatever happens, no worker of this test outlives it (it would deliver the next test's decisions).
    onTestFinished(killAll);
    const receiver = await new WebhookReceiver().start();
    // Slow answers keep several deliveries in flight when the kill comes.
    receiver.delayMs = 400;
    const reviewer = await makeStaff(["REVIEWER"]);
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await decidedCase(i % 2 ? "WARN" : "SUSPEND", { reviewer })).decisionId!);

    const first = startWorker(receiver);
    const firstPool = await first.running;
    await eventually(async () => receiver.received.filter((r) => ids.includes(r.webhookId)).length >= 6, 30_000, "the first deliveries");
    killGroup(first.child, "SIGKILL");
    expect(await first.exited).toBe(-1);

    // Mid-batch: the dead runner still holds jobs, and decisions are undelivered.
    const heldByDead = await asOwner(async (c) => (await c.query("select count(*)::int as n from graphile_worker._private_jobs where locked_by = $1", [firstPool])).rows[0].n);
    const undelivered = (await statuses(ids)).filter((d) => d.status !== "DELIVERED").length;
    expect(heldByDead).toBeGreaterThan(0);
    expect(undelivered).toBeGreaterThan(0);

    const second = startWorker(receiver);
    await second.running;
    await eventually(async () => (await statuses(ids)).every((d) => d.status === "DELIVERED"), 45_000, "every decision delivered").catch(async (err: Error) => {
      throw new Error(`${err.message}\n${JSON.stringify(await statuses(ids))}\nworker output:\n${second.output()}`);
    });
    expect(second.output()).toMatch(new RegExp(`released the jobs of \\d+ runner\\(s\\) that stopped beating: .*${firstPool}`));

    // Every decision reached the platform with a valid signature; those cut off mid-answer
    // arrived twice under the same webhook-id and were applied once.
    const verified = receiver.verifiedIds();
    expect(ids.filter((id) => !verified.has(id))).toEqual([]);
    expect(ids.filter((id) => !receiver.applied.has(id))).toEqual([]);
    const sends = receiver.received.filter((r) => ids.includes(r.webhookId)).length;
    expect(sends).toBeGreaterThanOrEqual(ids.length);
    console.log(`kill -9 mid-batch: ${ids.length} decisions, ${sends} deliveries (${sends - ids.length} duplicates), ${heldByDead} jobs held by the killed runner`);

    killGroup(second.child, "SIGTERM");
    expect(await second.exited, second.output()).toBe(0);
    await receiver.stop();
  });

  it("the platform down for a minute: retries back off, nothing is lost, everything arrives once it is back", { timeout: 120_000 }, async () => {
    const outageMs = Number(process.env.OUTBOX_OUTAGE_SECONDS ?? 60) * 1000;
    const receiver = await new WebhookReceiver().start();
    await receiver.stop();
    inProcess = await startDispatcher({
      connectionString: process.env.DATABASE_URL!,
      config: testOutboxConfig(receiver.url, receiver.secret, { CUSTODY_DELIVERY_RETRY_BASE_SECONDS: "1", CUSTODY_DELIVERY_RETRY_CAP_SECONDS: "4" }),
      log: () => {},
    });
    const downSince = Date.now();
    const reviewer = await makeStaff(["REVIEWER"]);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push((await decidedCase("REMOVE_MESSAGE", { reviewer })).decisionId!);

    // While it is down every decision keeps failing with the reason, and is retried.
    await eventually(async () => (await statuses(ids)).every((d) => d.status === "FAILING" && d.attempts >= 2), 20_000, "every decision failing").catch(async (err: Error) => {
      throw new Error(`${err.message}\n${JSON.stringify(await statuses(ids))}`);
    });
    await new Promise((r) => setTimeout(r, Math.max(0, downSince + outageMs - Date.now())));
    const during = await statuses(ids);
    expect(during.every((d) => d.status === "FAILING" && d.lastError === "connection failed (ECONNREFUSED)")).toBe(true);
    const attemptsDuring = during.map((d) => d.attempts);
    // Backoff: a few attempts a minute each (base 1 s, cap 4 s here), not a tight loop.
    expect(Math.min(...attemptsDuring)).toBeGreaterThanOrEqual(outageMs >= 60_000 ? 8 : 2);
    expect(Math.max(...attemptsDuring)).toBeLessThan(outageMs / 500);

    await receiver.start();
    const back = Date.now();
    await eventually(async () => (await statuses(ids)).every((d) => d.status === "DELIVERED"), 15_000, "every decision delivered after the outage");
    const verified = receiver.verifiedIds();
    expect(ids.filter((id) => !verified.has(id))).toEqual([]);
    console.log(`outage of ${Math.round((back - downSince) / 1000)} s: ${ids.length} decisions, attempts while down ${Math.min(...attemptsDuring)}–${Math.max(...attemptsDuring)}, all delivered ${Date.now() - back} ms after the endpoint came back`);
    await inProcess?.stop();
    inProcess = null;
    await receiver.stop();
  });
});
