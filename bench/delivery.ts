// npm run bench:delivery — decision to delivery: the time from a decision's commit to its
// signed webhook arriving at the platform's endpoint, with the endpoint up. A local HTTP
// receiver verifies every signature (standardwebhooks) and notes when each arrived; decisions
// are made through the real decideCase at a steady pace (BENCH_RATE per second, default 20)
// while a dispatcher — the job runner the server runs, here in this process — delivers them.
// BENCH_DECISIONS (300) sets the count. Target: p99 ≤ 1 s.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { benchEnv, freshDatabase } from "./harness";

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 300);
const RATE = Number(process.env.BENCH_RATE ?? 20);
const TARGET_MS = 1000;

const db = await freshDatabase("delivery");
const secret = `whsec_${randomBytes(24).toString("base64")}`;
const arrived = new Map<string, number>();
let bad = 0;
const wh = new Webhook(secret);
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const at = performance.now();
    try {
      wh.verify(Buffer.concat(chunks).toString("utf8"), req.headers as Record<string, string>);
      const id = String(req.headers["webhook-id"]);
      if (!arrived.has(id)) arrived.set(id, at);
      res.writeHead(204).end();
    } catch {
      bad++;
      res.writeHead(401).end();
    }
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

Object.assign(process.env, {
  ...benchEnv(db.appUrl, 0),
  CUSTODY_CHECKPOINT_DIR: path.resolve(`.data/bench-run/delivery-${Date.now()}/checkpoints`),
  CUSTODY_PLATFORM_WEBHOOK_URL: url,
  CUSTODY_PLATFORM_WEBHOOK_SECRET: secret,
});
const { getDb, disconnectDb } = await import("../lib/db");
const { upsertStaff } = await import("../prisma/factories");
const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
const { decideCase } = await import("../lib/cases/decide-case");
const { resolveSession, createSession } = await import("../lib/auth/session-store");
const { outboxConfig } = await import("../lib/outbox/config");
const { startDispatcher } = await import("../lib/outbox/dispatcher");

const prisma = getDb();
const staff = await upsertStaff(prisma, { email: "bench-reviewer@custody.test", name: "Bench Reviewer", roles: ["REVIEWER"], regions: ["US", "EU"], password: "pw-for-benchmarks" });
const reviewer = (await resolveSession(await createSession(prisma, staff.id)))!;
const meta = { requestId: "bench", ipHmac: null, userAgent: "bench" };

console.log(`seeding ${DECISIONS} reported conversations…`);
const caseIds: string[] = [];
for (let i = 0; i < DECISIONS; i++) {
  const a = { id: `b-a-${i}`, handle: `bench_a_${i}`, displayName: "A", dataRegion: "US" } as const;
  const b = { ...a, id: `b-b-${i}`, handle: `bench_b_${i}` };
  await pushAccounts(prisma, { accounts: [a, b] });
  await pushMessages(prisma, {
    conversations: [{ id: `b-c-${i}`, participantIds: [a.id, b.id] }],
    messages: Array.from({ length: 6 }, (_, j) => ({ id: `b-m-${i}-${j}`, conversationId: `b-c-${i}`, senderId: j % 2 ? b.id : a.id, sentAt: new Date(Date.now() - (10 - j) * 60_000).toISOString(), text: `message ${j}` })),
  });
  const { caseId } = await pushReport(prisma, { id: `b-r-${i}`, reporterId: a.id, conversationId: `b-c-${i}`, messageIds: [`b-m-${i}-3`], category: "HARASSMENT", text: "bench report" });
  await prisma.case.update({ where: { id: caseId }, data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() } });
  caseIds.push(caseId);
}

const runner = await startDispatcher({ connectionString: db.appUrl, config: outboxConfig(), log: () => {} });
if (!runner) throw new Error("the dispatcher did not start");

console.log(`deciding ${DECISIONS} cases at ${RATE}/s…`);
const committed = new Map<string, number>();
const decideMs: number[] = [];
const start = performance.now();
for (let i = 0; i < caseIds.length; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const t0 = performance.now();
  const { decisionId } = await decideCase(reviewer, { caseId: caseIds[i]!, decision: i % 3 ? "WARN" : "SUSPEND", note: "bench decision" }, meta);
  const t1 = performance.now();
  decideMs.push(t1 - t0);
  committed.set(decisionId!, t1);
}
const deadline = performance.now() + 30_000;
while (arrived.size < committed.size && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));

const latencies = [...committed].map(([id, t]) => (arrived.has(id) ? arrived.get(id)! - t : Infinity)).sort((x, y) => x - y);
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : "never");
const sortedDecide = [...decideMs].sort((x, y) => x - y);
const lost = latencies.filter((x) => !Number.isFinite(x)).length;
console.log(`\ndecision → webhook received (${committed.size} decisions at ${RATE}/s, receiver up, ${bad} bad signatures, ${lost} not delivered):`);
console.log(`  p50 ${ms(q(latencies, 0.5))}  p95 ${ms(q(latencies, 0.95))}  p99 ${ms(q(latencies, 0.99))}  max ${ms(latencies.at(-1)!)}   target p99 ≤ ${TARGET_MS} ms: ${q(latencies, 0.99) <= TARGET_MS ? "met" : "NOT met"}`);
console.log(`  the decision itself (decideCase, commit included): p50 ${ms(q(sortedDecide, 0.5))}  p99 ${ms(q(sortedDecide, 0.99))}`);
console.log(`  machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}, Node ${process.version}`);

await runner.stop();
receiver.close();
await disconnectDb();
await db.close();
process.exit(lost || q(latencies, 0.99) > TARGET_MS ? 1 : 0);
