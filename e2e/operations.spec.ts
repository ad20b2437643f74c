import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { DEMO_PASSWORD, STAFF, totpCode } from "./fixtures";

// The operator's kit on a real production server (lib/cli/serve.mjs with two cluster workers,
// the build e2e/prepare.ts made, this run's database): metrics summed across the workers behind
// a bearer token on their own port; SIGTERM under load, where every request the server had
// accepted is answered and stored whole, nothing arriving later is half-written, and the process
// stops its sealer and job runner and exits 0; and its whole output, JSON lines with a request
// id, grepped for the DM text it was sent and for every secret it was given.

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Reply = { status: number; body: string; requestId: string | null } | { error: string };

/** One request on its own connection; resolves `written` once the whole request is on the wire. */
function post(port: number, path: string, body: string, headers: Record<string, string>) {
  let written!: () => void;
  const onWire = new Promise<void>((r) => (written = r));
  const reply = new Promise<Reply>((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", agent: false, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, requestId: (res.headers["x-request-id"] as string) ?? null }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => {
      written();
      resolve({ error: e.message });
    });
    req.end(body, () => written());
  });
  return { onWire, reply };
}

/**
 * One request whose headers and first half go out now and whose second half waits for
 * `finish()`: the server has begun it, and it stays in flight for as long as the test wants.
 */
function slowPost(port: number, path: string, body: string, headers: Record<string, string>) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  let req!: http.ClientRequest;
  const reply = new Promise<Reply>((resolve) => {
    req = http.request({ host: "127.0.0.1", port, path, method: "POST", agent: false, headers: { ...headers, "content-length": bytes.length } }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, requestId: (res.headers["x-request-id"] as string) ?? null }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => resolve({ error: e.message }));
    req.write(bytes.subarray(0, half));
  });
  return { reply, finish: () => req.end(bytes.subarray(half)) };
}

const intakeSecret = `whsec_${randomBytes(32).toString("base64")}`;
const metricsToken = randomBytes(24).toString("hex");
const wh = new Webhook(intakeSecret);
function signed(body: unknown, requestId: string) {
  const text = JSON.stringify(body);
  const id = `msg_${randomUUID()}`;
  const at = new Date();
  return { text, headers: { "content-type": "application/json", "x-request-id": requestId, "webhook-id": id, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": wh.sign(id, at, text) } };
}

let server: ChildProcess;
let output = "";
let port = 0;
let metricsPort = 0;
let exited: Promise<number | null>;
const run = randomBytes(4).toString("hex");
const SIZE = 120;
const BIG = 400;
const phrase = (i: number) => `periwinkle-${run}-lantern ${i} meet me after school`;

async function owner<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: process.env.E2E_OWNER_URL });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

test.beforeAll(async () => {
  port = await freePort();
  metricsPort = await freePort();
  server = spawn(process.execPath, ["lib/cli/serve.mjs", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", CUSTODY_WORKERS: "2", CUSTODY_METRICS_PORT: String(metricsPort), CUSTODY_METRICS_TOKEN: metricsToken, CUSTODY_INTAKE_SECRET: intakeSecret, CUSTODY_SHUTDOWN_TIMEOUT_SECONDS: "20", CUSTODY_SHUTDOWN_DELAY_SECONDS: "0.5", NEXTAUTH_URL: `http://localhost:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  exited = new Promise((resolve) => server.once("exit", (code) => resolve(code)));
  await expect.poll(async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);
});

test.afterAll(() => {
  if (server.exitCode === null) server.kill("SIGKILL");
  // Kept for whoever reads a failure (test-results/ is not committed).
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/operations-server-output.jsonl", output);
});

const accounts = { a: `ops-a-${run}`, b: `ops-b-${run}` };
const conversation = `ops-c-${run}`;
const batch = (n: number, size: number) => ({
  conversations: n === 0 ? [{ id: conversation, participantIds: [accounts.a, accounts.b] }] : [],
  messages: Array.from({ length: size }, (_, i) => ({ id: `ops-m-${run}-${n}-${i}`, conversationId: conversation, senderId: i % 2 ? accounts.a : accounts.b, sentAt: new Date(Date.UTC(2026, 10, 1, 10, 0, n * 60 + (i % 60))).toISOString(), text: phrase(n * 1000 + i) })),
});

test("metrics are summed across the workers, behind a bearer token on their own port", async () => {
  const acc = signed({ accounts: [accounts.a, accounts.b].map((id) => ({ id, handle: id.replaceAll("-", "_"), displayName: "Ops", dataRegion: "US" })) }, `ops-accounts-${run}`);
  expect((await post(port, "/api/v1/intake/accounts", acc.text, acc.headers).reply) as { status: number }).toMatchObject({ status: 200 });
  for (let n = 0; n < 6; n++) {
    const b = signed(batch(n, 5), `ops-warm-${run}-${n}`);
    expect(((await post(port, "/api/v1/intake/messages", b.text, b.headers).reply) as { status: number }).status).toBe(200);
  }
  const url = `http://127.0.0.1:${metricsPort}/api/metrics`;
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
  expect((await fetch(`http://127.0.0.1:${port}/api/metrics`)).status).toBe(404);
  const text = await (await fetch(url, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  // Six requests went to two workers (round robin); the primary's answer counts all six.
  const count = /custody_http_requests_total\{operation="POST \/api\/v1\/intake\/messages",status="200"\} (\d+)/.exec(text);
  expect(Number(count?.[1])).toBe(6);
  expect(text).toMatch(/custody_http_request_duration_seconds_bucket\{le="[^"]+",operation="POST \/api\/v1\/intake\/accounts"\} \d+/);
  for (const name of ["custody_log_seal_lag_seconds", "custody_log_unsealed_events", "custody_outbox_deliveries", "custody_job_queue_depth", "custody_intake_items"]) expect(text, name).toContain(`# TYPE ${name} gauge`);
  expect(text).toMatch(/custody_intake_items\{route="messages",outcome="accepted"\} \d+/);
});

const seenPlaintext: string[] = [];

test("a reviewer reads a seeded thread through this server (its text is what the log must not hold)", async ({ page }) => {
  const base = `http://localhost:${port}`;
  await page.goto(`${base}/signin`);
  await page.getByLabel("Email").fill(STAFF.reviewer2);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/queue/);
  await page.locator("tbody tr").filter({ hasNotText: "Protected" }).getByRole("button", { name: "Claim" }).first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await page.getByLabel("Justification").fill("Reviewing the reported messages and their context for a policy decision");
  await page.getByRole("button", { name: "Open thread" }).click();
  await expect(page).toHaveURL(/\/step-up\?next=/);
  await page.getByLabel("Authenticator code").fill(await totpCode(STAFF.reviewer2));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page).toHaveURL(/\/thread$/);
  const messages = page.getByRole("list", { name: "Messages" }).getByRole("listitem");
  await expect(messages.first()).toBeVisible();
  for (const t of await messages.allInnerTexts()) {
    // The longest line of each message: its text, not the sender or time around it.
    const line = t.split("\n").sort((a, b) => b.length - a.length)[0]!.trim();
    if (line.length >= 12) seenPlaintext.push(line);
  }
  expect(seenPlaintext.length).toBeGreaterThan(1);
});

test("SIGTERM under load: every accepted request is answered and stored whole, then a clean exit", async () => {
  const before = Array.from({ length: 16 }, (_, k) => {
    const b = signed(batch(100 + k, SIZE), `ops-load-${run}-${k}`);
    return { k, ...post(port, "/api/v1/intake/messages", b.text, b.headers) };
  });
  await Promise.all(before.map((r) => r.onWire));
  await new Promise((r) => setTimeout(r, 100));
  server.kill("SIGTERM");
  const termAt = Date.now();
  // Load goes on for a second after the signal, a new connection every 50 ms with a big batch,
  // so that requests are still in flight when the workers stop accepting. These are served or
  // refused, never half-stored.
  const after: { k: number; reply: Promise<Reply> }[] = [];
  for (let k = 0; Date.now() - termAt < 1000; k++) {
    const b = signed(batch(200 + k, BIG), `ops-late-${run}-${k}`);
    after.push({ k: 200 + k, ...post(port, "/api/v1/intake/messages", b.text, b.headers) });
    await new Promise((r) => setTimeout(r, 50));
  }
  // One request still arriving when the workers stop accepting: it began during the lame-duck
  // delay, its body completes only after both workers have said they are draining, and it must
  // still be served and stored whole. On a fast machine the batches above may all be done by then.
  const slowBody = signed(batch(300, BIG), `ops-slow-${run}`);
  const slow = slowPost(port, "/api/v1/intake/messages", slowBody.text, slowBody.headers);
  const drainingLines = () => output.split("\n").filter((l) => l.includes("draining the requests in flight"));
  await expect.poll(() => drainingLines().length, { timeout: 15_000 }).toBe(2);
  slow.finish();
  const slowReply = await slow.reply;
  const early = await Promise.all(before.map((r) => r.reply));
  const late = await Promise.all(after.map((r) => r.reply));
  expect(await exited).toBe(0);
  expect(Date.now() - termAt).toBeLessThan(25_000);

  // Accepted before the signal: all answered 200, every message stored.
  expect(early.map((r) => ("status" in r ? r.status : r.error))).toEqual(early.map(() => 200));
  const stored = async (n: number) => Number((await owner<{ n: string }>("SELECT count(*) AS n FROM message WHERE external_id LIKE $1", [`ops-m-${run}-${n}-%`]))[0]!.n);
  for (const r of before) expect(await stored(100 + r.k)).toBe(SIZE);
  // After it: a batch is all or nothing, and only a 200 stored it.
  expect(after.length).toBeGreaterThan(2);
  for (const [i, r] of late.entries()) {
    const n = await stored(after[i]!.k);
    if ("status" in r) expect(r.status).toBe(200);
    expect(n).toBe("status" in r ? BIG : 0);
  }
  // The drain mattered: a request was still in flight when the workers stopped accepting, and
  // it was answered and stored whole.
  const draining = drainingLines().map((l) => (JSON.parse(l) as { inFlight: number }).inFlight);
  expect(draining).toHaveLength(2);
  expect(draining.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  expect("status" in slowReply ? slowReply.status : slowReply.error).toBe(200);
  expect(await stored(300)).toBe(BIG);
  // Both workers stopped their sealer, job runner and pools, and said so.
  expect(output.split("\n").filter((l) => l.includes("stopped cleanly"))).toHaveLength(2);
  expect(output).not.toMatch(/"level":50/);
});

test("the server's whole output: JSON lines with request ids, no DM text, no secret", () => {
  const lines = output.split("\n").filter(Boolean);
  expect(lines.length).toBeGreaterThan(20);
  const parsed = lines.map((l) => {
    try {
      return JSON.parse(l) as Record<string, unknown>;
    } catch {
      throw new Error(`not a JSON log line: ${l.slice(0, 200)}`);
    }
  });
  const requests = parsed.filter((l) => l.msg === "request");
  expect(requests.length).toBeGreaterThan(20);
  for (const r of requests) expect(r.reqId, JSON.stringify(r)).toEqual(expect.any(String));
  // The id the caller sent is the id on the line, so the platform's logs and ours join.
  expect(requests.some((r) => r.reqId === `ops-load-${run}-3` && r.path === "/api/v1/intake/messages")).toBe(true);
  // No DM text, whole or in part: neither what intake was sent nor the seeded thread it showed.
  for (const text of seenPlaintext) expect(output).not.toContain(text);
  expect(output).not.toContain(`periwinkle-${run}`);
  expect(output).not.toContain("meet me after school");
  // No secret this server was given.
  const dbPassword = decodeURIComponent(new URL(process.env.DATABASE_URL!).password);
  const secrets = [intakeSecret, intakeSecret.slice(6), metricsToken, process.env.NEXTAUTH_SECRET!, process.env.CUSTODY_KEK!, process.env.CUSTODY_PLATFORM_WEBHOOK_SECRET!, dbPassword];
  for (const s of secrets) {
    expect(s.length).toBeGreaterThan(8);
    expect(output).not.toContain(s);
  }
});
