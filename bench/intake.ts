// npm run bench:intake — the platform connection's speed (issue 9), in one run:
//  1. signed intake of 500-message batches with BENCH_RULES (300) enabled detection rules, through
//     the real route handler (signature check, JSON and zod parsing, replay claim, encryption,
//     detection, counters, one transaction), against a raw multi-row INSERT of the very rows the
//     intake wrote (new ids), in a transaction of its own, into the same message table. The two
//     alternate batch by batch, so both see the same machine. Two batch shapes (see below).
//     Target: intake ≥ 50% of the raw rate.
//  2. detection per message over the same texts and rules: p50/p99. Target: p99 ≤ 30 µs.
//  3. report → queue: from the reports route's response to the case being listed by the queue's
//     own query (listQueue, what GET /api/v1/cases answers). Target: p99 ≤ 2 s.
//  4. decision → delivery: bench/delivery.ts in a process of its own. Target: p99 ≤ 1 s.
// The route handlers run in this process (no HTTP hop; the platform's request is built and
// signed before the clock starts). BENCH_BATCHES (30) sets the measured batches per shape;
// BENCH_DELIVERY=0 skips part 4. Exits non-zero if a target is missed (the ratio: the spread shape).
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generateDemoData } from "../lib/demo/generate-demo-data";
import { createRng } from "../lib/demo/prng";
import { RuleMatcher } from "../lib/detection/matcher";
import { signIntakeRequest } from "../lib/intake/signature";
import { benchEnv, freshDatabase } from "./harness";
import { benchRules } from "./rules";

const BATCHES = Number(process.env.BENCH_BATCHES ?? 30);
const WARMUP = 3;
const BATCH = 500;
const RULES = Number(process.env.BENCH_RULES ?? 300);
const ACCOUNTS = 400;
const CONVERSATIONS = 600;
const REPORTS = Number(process.env.BENCH_REPORTS ?? 100);
const TARGET = { ratio: 0.5, detectP99Us: 30, queueP99Ms: 2000 };

const db = await freshDatabase("intake");
const secret = `whsec_${randomBytes(24).toString("base64")}`;
Object.assign(process.env, {
  ...benchEnv(db.appUrl, 0),
  CUSTODY_CHECKPOINT_DIR: path.resolve(`.data/bench-run/intake-${Date.now()}/checkpoints`),
  CUSTODY_INTAKE_SECRET: secret,
});
const { getDb, disconnectDb } = await import("../lib/db");
const { upsertStaff } = await import("../prisma/factories");
const { pushAccounts, pushMessages } = await import("../lib/intake/push");
const { saveRule } = await import("../lib/detection/save-rule");
const { listQueue } = await import("../lib/cases/list-queue");
const { resolveSession, createSession } = await import("../lib/auth/session-store");
const messagesRoute = await import("../app/api/v1/intake/messages/route");
const reportsRoute = await import("../app/api/v1/intake/reports/route");

const prisma = getDb();
const q = (xs: readonly number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

function signed(url: string, body: unknown): Request {
  const text = JSON.stringify(body);
  return new Request(url, { method: "POST", headers: { "content-type": "application/json", ...signIntakeRequest(secret, text) }, body: text });
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const body: unknown = await res.json();
  if (!res.ok) throw new Error(`${what}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

// ── the platform's side: accounts, conversations, rules ──────────────────────────────────
console.log(`seeding ${RULES} rules, ${ACCOUNTS} accounts, ${CONVERSATIONS} conversations…`);
const rules = benchRules(RULES);
for (const r of rules) await saveRule(prisma, { seed: true }, null, r);
const rng = createRng(17);
const accounts = Array.from({ length: ACCOUNTS }, (_, i) => ({ id: `ba-${i}`, handle: `bench_${i}`, displayName: `Bench ${i}`, dataRegion: "US" as const }));
for (let i = 0; i < accounts.length; i += 500) await pushAccounts(prisma, { accounts: accounts.slice(i, i + 500) });
const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => {
  const a = rng.int(0, ACCOUNTS - 1);
  const b = (a + rng.int(1, ACCOUNTS - 1)) % ACCOUNTS;
  return { id: `bc-${i}`, participantIds: [accounts[a]!.id, accounts[b]!.id] };
});
for (let i = 0; i < conversations.length; i += 500) await pushMessages(prisma, { conversations: conversations.slice(i, i + 500), messages: [] });
const texts = generateDemoData({ accounts: 320, conversations: 1500, messages: 30_000, reports: 0 }).messages.map((m) => m.text);

let sent = 0;
const clock = Date.now() - 30 * 24 * 3600_000;
/** A batch of BATCH messages, each in a conversation drawn from the first `spread` conversations. */
function nextBatch(spread: number) {
  return {
    messages: Array.from({ length: BATCH }, () => {
      const c = conversations[rng.int(0, spread - 1)]!;
      const n = sent++;
      return { id: `bm-${n}`, conversationId: c.id, senderId: rng.pick(c.participantIds), sentAt: new Date(clock + n * 1000).toISOString(), text: texts[n % texts.length]! };
    }),
  };
}

// ── 1. intake against the raw INSERT ──────────────────────────────────────────────────────
const raw = new pg.Client({ connectionString: db.appUrl });
await raw.connect();
const COLUMNS = ["id", "external_id", "conversation_id", "position", "sender_id", "sent_at", "has_media", "ciphertext", "nonce", "key_version"] as const;

async function rawInsert(rows: Record<string, unknown>[]): Promise<void> {
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => `(${COLUMNS.map((c, j) => (values.push(r[c]), `$${i * COLUMNS.length + j + 1}`)).join(", ")})`);
  await raw.query("BEGIN");
  await raw.query(`INSERT INTO message (${COLUMNS.join(", ")}) VALUES ${tuples.join(", ")}`, values);
  await raw.query("COMMIT");
}

// Two shapes of batch: "spread", each message drawn from all 600 conversations (about 340 of
// them in a batch: a large platform's firehose, where per-conversation work — the row lock, the
// data key, the count — dominates), and "threaded", from 25 (a burst of a few busy chats).
type Shape = { label: string; spread: number; intakeMs: number; rawMs: number; flagged: number; distinct: number };
const shapes: Shape[] = [
  { label: "spread", spread: CONVERSATIONS, intakeMs: 0, rawMs: 0, flagged: 0, distinct: 0 },
  { label: "threaded", spread: 25, intakeMs: 0, rawMs: 0, flagged: 0, distinct: 0 },
];
const batchTexts: string[] = [];
for (const shape of shapes) {
  console.log(`intake (${shape.label}): ${WARMUP} warm-up + ${BATCHES} measured batches of ${BATCH}, alternating with the raw INSERT…`);
  for (let b = 0; b < WARMUP + BATCHES; b++) {
    const batch = nextBatch(shape.spread);
    const req = signed("http://bench/api/v1/intake/messages", batch);
    const t0 = performance.now();
    const result = (await expectOk(await messagesRoute.POST(req, { params: Promise.resolve({}) }), "messages")) as { accepted: number; flagged: number };
    const t1 = performance.now();
    if (result.accepted !== BATCH) throw new Error(`batch ${b}: ${result.accepted} of ${BATCH} accepted`);
    // The rows the intake just wrote, under new ids and positions (+10 000 000: clear of the
    // intake's own), so they can go into the same table, with the same indexes and foreign keys.
    const { rows } = await raw.query<Record<string, unknown>>(`SELECT ${COLUMNS.join(", ")} FROM message WHERE external_id = ANY($1::text[])`, [batch.messages.map((m) => m.id)]);
    for (const r of rows) Object.assign(r, { id: randomUUID(), external_id: `raw-${String(r.external_id)}`, position: Number(r.position) + 10_000_000 });
    const t2 = performance.now();
    await rawInsert(rows);
    const t3 = performance.now();
    if (b < WARMUP) continue;
    shape.intakeMs += t1 - t0;
    shape.rawMs += t3 - t2;
    shape.flagged += result.flagged;
    shape.distinct += new Set(batch.messages.map((m) => m.conversationId)).size;
    for (const m of batch.messages) batchTexts.push(m.text);
  }
}
const n = BATCHES * BATCH;
const rate = (ms: number) => n / (ms / 1000);
const ratioOf = (s: Shape) => rate(s.intakeMs) / rate(s.rawMs);
const ratio = ratioOf(shapes[0]!);

// ── 2. detection per message ─────────────────────────────────────────────────────────────
const matcher = new RuleMatcher(rules);
for (const t of batchTexts) matcher.scan(t);
const detect: number[] = [];
for (const t of batchTexts) {
  const s = process.hrtime.bigint();
  matcher.scan(t);
  detect.push(Number(process.hrtime.bigint() - s) / 1000);
}
const detectSorted = sorted(detect);

// ── 3. report → queue ────────────────────────────────────────────────────────────────────
const staff = await upsertStaff(prisma, { email: "bench-lead@custody.test", name: "Bench Lead", roles: ["REVIEWER"], regions: ["US", "EU"], password: "pw-for-benchmarks" });
const reviewer = (await resolveSession(await createSession(prisma, staff.id)))!;
const queueMs: number[] = [];
// Conversations detection left alone: a report on a flagged one joins its case, which is listed under the rule's category.
const quiet = await raw.query<{ conv: string; msg: string }>(`
  SELECT DISTINCT ON (v.id) v.external_id AS conv, m.external_id AS msg FROM conversation v JOIN message m ON m.conversation_id = v.id
  WHERE v.external_id LIKE 'bc-%' AND NOT EXISTS (SELECT 1 FROM "case" k WHERE k.conversation_id = v.id) ORDER BY v.id, m.position LIMIT $1`, [REPORTS]);
if (quiet.rows.length < REPORTS) throw new Error(`only ${quiet.rows.length} conversations without a case`);
const byId = new Map(conversations.map((c) => [c.id, c]));
for (let i = 0; i < REPORTS; i++) {
  const { conv, msg } = quiet.rows[i]!;
  const req = signed("http://bench/api/v1/intake/reports", { id: `br-${i}`, reporterId: byId.get(conv)!.participantIds[0], conversationId: conv, messageIds: [msg], category: "HATE", text: "bench report" });
  const { caseId } = (await expectOk(await reportsRoute.POST(req, { params: Promise.resolve({}) }), "report")) as { caseId: string };
  const t0 = performance.now();
  for (;;) {
    const page = await listQueue(reviewer, { status: "open", category: "HATE", limit: 200 });
    if (page.items.some((it) => it.id === caseId)) break;
    if (performance.now() - t0 > 10_000) throw new Error(`case ${caseId} never reached the queue`);
    await new Promise((r) => setTimeout(r, 10));
  }
  queueMs.push(performance.now() - t0);
}
const queueSorted = sorted(queueMs);

const met = (ok: boolean) => (ok ? "met" : "NOT met");
console.log(`\nsigned intake, batches of ${BATCH} with ${rules.length} enabled rules, ${BATCHES} batches a shape:`);
for (const sh of shapes) {
  console.log(`  ${sh.label} (${(sh.distinct / BATCHES).toFixed(0)} conversations a batch, ${sh.flagged} messages flagged):`);
  console.log(`    intake   ${rate(sh.intakeMs).toFixed(0).padStart(6)} messages/s  (${(sh.intakeMs / BATCHES).toFixed(1)} ms a batch, ${((sh.intakeMs * 1000) / n).toFixed(1)} µs a message)`);
  console.log(`    raw      ${rate(sh.rawMs).toFixed(0).padStart(6)} messages/s  (${(sh.rawMs / BATCHES).toFixed(1)} ms a batch: one multi-row INSERT of the same encrypted rows)`);
  console.log(`    ratio    ${(ratioOf(sh) * 100).toFixed(1)}%   target ≥ ${TARGET.ratio * 100}%: ${met(ratioOf(sh) >= TARGET.ratio)}`);
}
console.log(`detection per message (${detect.length} texts): p50 ${q(detectSorted, 0.5).toFixed(2)} µs  p99 ${q(detectSorted, 0.99).toFixed(2)} µs   target p99 ≤ ${TARGET.detectP99Us} µs: ${met(q(detectSorted, 0.99) <= TARGET.detectP99Us)}`);
console.log(`report → queue (${REPORTS} reports): p50 ${q(queueSorted, 0.5).toFixed(1)} ms  p99 ${q(queueSorted, 0.99).toFixed(1)} ms   target p99 ≤ ${TARGET.queueP99Ms} ms: ${met(q(queueSorted, 0.99) <= TARGET.queueP99Ms)}`);
console.log(`machine: ${os.availableParallelism()} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" / ")}, Node ${process.version}`);

await raw.end();
await disconnectDb();
await db.close();

let deliveryOk = true;
if (process.env.BENCH_DELIVERY !== "0") {
  console.log(`\ndecision → delivery (bench/delivery.ts):`);
  const child = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.join(import.meta.dirname, "delivery.ts")], { stdio: "inherit", env: { ...process.env, BENCH_DECISIONS: process.env.BENCH_DECISIONS ?? "200" } });
  deliveryOk = child.status === 0;
}
const ok = ratio >= TARGET.ratio && q(detectSorted, 0.99) <= TARGET.detectP99Us && q(queueSorted, 0.99) <= TARGET.queueP99Ms && deliveryOk;
process.exit(ok ? 0 : 1);
