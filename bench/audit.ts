// npm run bench:audit — the access log's speed targets (issue 3), against the production
// server (whose instrumentation runs the sealer) on a fresh embedded database:
//   1. a 1,000,000-event export streams in constant memory (server RSS < 300 MB)
//   2. offline verification of that export: ≤ 6 s, and its ratio to raw SHA-256 of the bytes
//   3. event appends through the log's raw writer (recordEventWith, each inside its own
//      transaction; the content route now writes its event in one autocommit statement,
//      which is one round trip cheaper) at 8 and 32 concurrent writers
//      ≥ 50% of PostgreSQL's own single-row INSERT rate into a table of the same shape (same
//      indexes, autocommit), measured in the same run, each with one connection per writer
//   4. seal lag while 1,000 events/s arrive for 60 s: p99 ≤ 1 s
// BENCH_SECONDS (default 15) sets each append measurement, BENCH_LAG_SECONDS (60) the lag
// run, BENCH_EVENTS (1,000,000) the log's size.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import pg from "pg";
import { closedLoop, inTransaction, mb, paced, rssSampler, sealLag, sequentialLatency } from "./audit-measure";
import { benchEnv, ensureBuild, freshDatabase, sessionCookie, startServer } from "./harness";

const PORT = Number(process.env.BENCH_PORT ?? 3420);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 60);
const line = (label: string, value: string, target = "") => console.log(`${label.padEnd(52)} ${value.padStart(22)}  ${target}`);

const db = await freshDatabase("audit");
const runDir = path.resolve(`.data/bench-run/audit-${Date.now()}`);
const env: Record<string, string> = {
  ...benchEnv(db.appUrl, PORT),
  CUSTODY_CHECKPOINT_DIR: path.join(runDir, "checkpoints"),
  CUSTODY_SIGNING_KEY: randomBytes(32).toString("base64"),
  CUSTODY_LOG_ORIGIN: "bench.custody.test/access-log",
};
Object.assign(process.env, env);
const { PrismaPg } = await import("@prisma/adapter-pg");
const { PrismaClient } = await import("../lib/generated/prisma/client");
const { recordEventWith } = await import("@/lib/log/events/record-event");
const { insertSyntheticEvents } = await import("@/lib/demo/synthetic-events");
const { Sealer } = await import("@/lib/log/sealer/sealer");
const { auditConfig, checkpointSigningKey } = await import("@/lib/log/config");
const { verifyExportFile } = await import("@/lib/log/verify/verify-export-file");
const { openManifest } = await import("@/lib/log/format/export-manifest");
const { upsertStaff } = await import("../prisma/factories");

const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
owner.on("error", () => {}); // dropping the database at the end closes idle connections
/** An event written in its own transaction on a raw pooled connection: BEGIN; the event (recordEventWith); COMMIT. */
const appendViaAccessPath = (pool: pg.Pool, e: Parameters<typeof recordEventWith>[1]) => inTransaction(pool, (client) => recordEventWith(client, e));
const prisma = (max: number) => new PrismaClient({ adapter: new PrismaPg({ connectionString: db.appUrl, max }) });
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  await mkdir(runDir, { recursive: true });
  const admin = prisma(4);
  const auditor = await upsertStaff(admin, { email: "bench-auditor@custody.test", name: "Bench auditor", roles: ["AUDITOR"], regions: ["US", "EU"] });
  const readers = await Promise.all(
    Array.from({ length: 40 }, (_, i) => upsertStaff(admin, { email: `bench-reader-${i}@custody.test`, name: `Reader ${i}`, roles: i % 10 ? ["REVIEWER"] : ["LEAD"], regions: ["US"] })),
  );
  const uuid = () => randomUUID();
  const world = {
    actors: readers.map((r, i) => ({ id: r.id, email: r.email, roles: i % 10 ? ["REVIEWER"] : ["LEAD"] })),
    cases: Array.from({ length: 2000 }, () => ({ id: uuid(), conversationId: uuid(), accountIds: [uuid(), uuid()], messageIds: Array.from({ length: 5 }, uuid) })),
  };
  const today = Date.parse(new Date().toISOString().slice(0, 10));
  let t = Date.now();
  await insertSyntheticEvents(owner, { count: EVENTS, world, from: new Date(today - 30 * 86_400_000), to: new Date(today), chunk: 100_000 });
  const written = (Date.now() - t) / 1000;
  t = Date.now();
  await new Sealer({ connectionString: db.ownerUrl, config: auditConfig(), log: () => {} }).sealAll({ maxBatch: 65_536 });
  const sealed = (Date.now() - t) / 1000;
  console.log(`setup: ${EVENTS.toLocaleString("en-US")} synthetic events written in ${written.toFixed(0)} s, bulk-sealed in ${sealed.toFixed(0)} s`);

  ensureBuild();
  server = await startServer(PORT, env);
  const cookie = await sessionCookie(admin, auditor.id, env.NEXTAUTH_SECRET!);
  const base = `http://localhost:${PORT}`;

  // 1. Export: stream the whole log to a file, watching the server's resident memory. A small
  // export first loads the route's code, so what is measured is the export, not warm-up.
  const warm = await fetch(`${base}/api/v1/audit/export?format=jsonl&action=KEY_ROTATED`, { headers: { cookie } });
  if (!warm.ok) throw new Error(`warm-up export failed: ${warm.status} ${await warm.text()}`);
  await warm.arrayBuffer();
  const idleSampler = rssSampler(server.pid!);
  await new Promise((r) => setTimeout(r, 1000));
  const idle = await idleSampler.stop();
  const sampler = rssSampler(server.pid!);
  const file = path.join(runDir, "export.jsonl");
  t = performance.now();
  const res = await fetch(`${base}/api/v1/audit/export?format=jsonl`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`export failed: ${res.status} ${await res.text()}`);
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(file));
  const exportSeconds = (performance.now() - t) / 1000;
  const peak = await sampler.stop();
  const bytes = (await stat(file)).size;
  const manifestNote = await (await fetch(`${base}/api/v1/audit/exports/${res.headers.get("x-custody-export-id")}/manifest`, { headers: { cookie } })).text();

  // 2. Offline verification of that file (best of 3; the machine is shared) vs raw SHA-256.
  const verifierKey = (await checkpointSigningKey(auditConfig())).verifierKey;
  const content = await readFile(file);
  const shaTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    createHash("sha256").update(content).digest();
    shaTimes.push((performance.now() - s) / 1000);
  }
  const verifyTimes: number[] = [];
  let verified;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    verified = await verifyExportFile(file, { verifierKey });
    verifyTimes.push((performance.now() - s) / 1000);
  }
  const withManifest = await verifyExportFile(file, { verifierKey, manifest: manifestNote });
  const manifest = openManifest(manifestNote, verifierKey);

  // Proofs over the million-leaf tree, through the API (not targets; the subtree cache at work).
  const latency = (n: number, url: () => string) => sequentialLatency(n, () => `${base}${url()}`, { cookie });
  const cpSizes = (await owner.query<{ n: string }>("SELECT tree_size::text AS n FROM audit_checkpoint")).rows.map((r) => Number(r.n));
  const inclusion = await latency(200, () => `/api/v1/audit/events/${1 + Math.floor(Math.random() * EVENTS)}/proof`);
  const consistent = await latency(50, () => `/api/v1/audit/checkpoints/consistency?from=${cpSizes[Math.floor(Math.random() * cpSizes.length)]}`);

  // 3. Appends: the access path's writer vs PostgreSQL's own single-row INSERT.
  await owner.query("CREATE TABLE access_event_baseline (LIKE access_event INCLUDING ALL)");
  await owner.query("CREATE SEQUENCE access_event_baseline_seq; ALTER TABLE access_event_baseline ALTER seq SET DEFAULT nextval('access_event_baseline_seq')");
  await owner.query("GRANT SELECT, INSERT ON access_event_baseline TO custody_app; GRANT USAGE ON access_event_baseline_seq TO custody_app");
  const event = (w: number) => ({
    actor: { id: readers[w % readers.length]!.id, email: readers[w % readers.length]!.email, roles: ["REVIEWER"] },
    action: "CONTENT_READ" as const,
    outcome: "ALLOWED" as const,
    caseId: world.cases[w]!.id,
    conversationId: world.cases[w]!.conversationId,
    accountIds: world.cases[w]!.accountIds,
    messageIds: Array.from({ length: 21 }, uuid),
    purpose: "USER_REPORT",
    justification: "Reviewing the reported harassment in the context of the thread",
    grantId: uuid(),
    meta: { requestId: uuid(), ipHmac: randomBytes(32).toString("base64url"), userAgent: "Mozilla/5.0 (X11; Linux x86_64) bench" },
  });
  const baselineSql = `INSERT INTO access_event_baseline (actor_id, actor_email, actor_roles, action, outcome, case_id, conversation_id, account_ids,
    message_ids, purpose, justification, grant_id, request_id, ip_hmac, user_agent) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) RETURNING seq`;
  const appends: { writers: number; path: number; raw: number }[] = [];
  for (const writers of [8, 32]) {
    const client = new pg.Pool({ connectionString: db.appUrl, max: writers });
    const raw = new pg.Pool({ connectionString: db.appUrl, max: writers });
    const viaPath = () => closedLoop(writers, SECONDS, (w) => appendViaAccessPath(client, event(w)));
    const viaRaw = () =>
      closedLoop(writers, SECONDS, (w) => {
        const e = event(w);
        return raw.query(baselineSql, [e.actor.id, e.actor.email, e.actor.roles, e.action, e.outcome, e.caseId, e.conversationId, e.accountIds, e.messageIds, e.purpose, e.justification, e.grantId, e.meta.requestId, e.meta.ipHmac, e.meta.userAgent]);
      });
    await closedLoop(writers, 2, (w) => appendViaAccessPath(client, event(w))); // warm-up
    // Alternated twice, so load from other work on the machine falls on both alike.
    const rawRates = [await viaRaw()];
    const pathRates = [await viaPath()];
    rawRates.push(await viaRaw());
    pathRates.push(await viaPath());
    const rate = (rs: { ops: number; seconds: number }[]) => rs.reduce((n, r) => n + r.ops, 0) / rs.reduce((n, r) => n + r.seconds, 0);
    appends.push({ writers, path: rate(pathRates), raw: rate(rawRates) });
    await client.end();
    await raw.end();
  }

  // 4. Seal lag: 1,000 events per second for 60 s through the same writer; the server seals.
  await new Promise((r) => setTimeout(r, 3000));
  const before = (await owner.query<{ n: string }>("SELECT coalesce(max(seq), 0)::text AS n FROM access_event")).rows[0]!.n;
  const lagPool = new pg.Pool({ connectionString: db.appUrl, max: 20 });
  const sent = await paced(1000, LAG_SECONDS, 64, () => appendViaAccessPath(lagPool, event(0)));
  const after = (await owner.query<{ n: string }>("SELECT max(seq)::text AS n FROM access_event")).rows[0]!.n;
  await new Promise((r) => setTimeout(r, 2000));
  const lag = await sealLag(owner, before, after);
  await lagPool.end();
  await admin.$disconnect();

  console.log("\n=== access log: figures against the targets ===");
  line("export: events / bytes", `${(manifest.events).toLocaleString("en-US")} / ${mb(bytes)}`);
  line("export: time, throughput", `${exportSeconds.toFixed(1)} s, ${(bytes / 1e6 / exportSeconds).toFixed(0)} MB/s`);
  line("export: next-server process RSS before → peak", `${mb(idle.largest)} → ${mb(peak.largest)}`, `target < 300 MB: ${peak.largest < 300e6 ? "MET" : "NOT MET"}`);
  line("export: whole `next start` tree RSS before → peak", `${mb(idle.tree)} → ${mb(peak.tree)}`);
  line("offline verify: best / median of 3", `${Math.min(...verifyTimes).toFixed(2)} s / ${verifyTimes.sort((a, b) => a - b)[1]!.toFixed(2)} s`, `target ≤ 6 s: ${Math.min(...verifyTimes) <= 6 ? "MET" : "NOT MET"}`);
  line("raw SHA-256 over the same bytes (best of 3)", `${Math.min(...shaTimes).toFixed(2)} s`);
  line("verify ÷ raw SHA-256 time", `${(Math.min(...verifyTimes) / Math.min(...shaTimes)).toFixed(1)}×`);
  line("verify result", verified?.ok ? `ok, ${verified.checkpointsVerified} checkpoints` : `FAILED ${JSON.stringify(verified)}`);
  line("manifest (signature, SHA-256, count)", withManifest.ok ? "ok" : `FAILED ${withManifest.ok ? "" : withManifest.problem}`);
  line("GET …/events/{seq}/proof over the API: p50 / p95", `${inclusion.p50.toFixed(1)} / ${inclusion.p95.toFixed(1)} ms`);
  line("GET …/checkpoints/consistency: p50 / p95", `${consistent.p50.toFixed(1)} / ${consistent.p95.toFixed(1)} ms`);
  for (const a of appends) {
    line(`appends at ${a.writers} writers: access path / raw INSERT`, `${a.path.toFixed(0)} / ${a.raw.toFixed(0)} per s`, `ratio ${((a.path / a.raw) * 100).toFixed(0)}% (target ≥ 50%: ${a.path / a.raw >= 0.5 ? "MET" : "NOT MET"})`);
  }
  line(`seal lag at 1,000 events/s for ${LAG_SECONDS} s: p50 / p95`, `${lag.p50.toFixed(0)} / ${lag.p95.toFixed(0)} ms`);
  line("seal lag p99 / max", `${lag.p99.toFixed(0)} / ${lag.max.toFixed(0)} ms`, `target p99 ≤ 1 s: ${lag.p99 <= 1000 ? "MET" : "NOT MET"}`);
  line("seal lag: events sent / sealed / late sends", `${sent.sent} / ${lag.events} / ${sent.late}`, lag.unsealed ? `${lag.unsealed} unsealed!` : "");
} finally {
  server?.kill();
  await owner.end();
  await db.close();
  await rm(runDir, { recursive: true, force: true });
}
