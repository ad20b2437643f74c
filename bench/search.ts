// npm run bench:search — the auditor's search at 5,000,000 events: the first page (50 rows) of
// each filter through GET /api/v1/audit/events on the production server, one request at a
// time, each filter value drawn from the data (busy and quiet readers, common and rare actions,
// real cases, conversations and accounts, days and weeks across the range). Target: p95 ≤ 200 ms
// for every filter. The log comes from the demo data plus `seedAccessEvents` (the generator of
// `npm run db:seed -- --events N`), sealed, then VACUUM ANALYZE as autovacuum would leave it.
// BENCH_EVENTS (5,000,000) sets the size, BENCH_RUNS (40) the requests per filter.
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { appUrlFor, ensureAppLogin } from "../lib/db/bootstrap";
import { applyMigrations } from "../lib/db/migrate";
import { type BenchDb, benchEnv, ensureBuild, freshDatabase, sessionCookie, startServer } from "./harness";

async function reuseDatabase(ownerUrl: string): Promise<BenchDb> {
  await applyMigrations(ownerUrl);
  const password = randomBytes(16).toString("hex");
  await ensureAppLogin(ownerUrl, "custody_bench_app", password);
  return { name: new URL(ownerUrl).pathname.slice(1), ownerUrl, appUrl: appUrlFor(ownerUrl, "custody_bench_app", password), close: async () => {} };
}

const PORT = Number(process.env.BENCH_PORT ?? 3430);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 5_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const WARMUP = 3;
const TARGET_MS = 200;

// BENCH_DB_URL: the owner URL of a database an earlier BENCH_KEEP_DB=1 run left seeded, to
// measure again (after a migration, say) without seeding five million events anew.
const reuse = process.env.BENCH_DB_URL;
const db = reuse ? await reuseDatabase(reuse) : await freshDatabase("search");
const env: Record<string, string> = {
  ...benchEnv(db.appUrl, PORT),
  CUSTODY_CHECKPOINT_DIR: path.resolve(`.data/bench-run/search-${Date.now()}/checkpoints`),
  CUSTODY_SIGNING_KEY: randomBytes(32).toString("base64"),
  // Everything is sealed before the server starts; its sealer would only idle.
  CUSTODY_SEALER: "0",
};
Object.assign(process.env, env);
const { getDb, disconnectDb } = await import("../lib/db");
const { seedDemo } = await import("../prisma/seed");
const { seedAccessEvents } = await import("@/lib/demo/seed-events");
const { upsertStaff } = await import("../prisma/factories");
const { filterPlans } = await import("./search-filters");

const owner = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const t0 = Date.now();
  if (!reuse) {
    await seedDemo(getDb(), { log: (m) => console.log(`[seed] ${m}`) });
    await seedAccessEvents(db.ownerUrl, EVENTS, (m) => console.log(`[events] ${m}`));
  }
  console.log("VACUUM ANALYZE access_event");
  await owner.query("VACUUM ANALYZE access_event");
  const count = Number((await owner.query<{ n: string }>("SELECT count(*)::text AS n FROM access_event")).rows[0]!.n);
  console.log(`log ready: ${count.toLocaleString("en-US")} events in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

  const auditor = await upsertStaff(getDb(), { email: "bench-auditor@custody.test", name: "Bench Auditor", roles: ["AUDITOR"], regions: ["US", "EU"] });
  const cookie = await sessionCookie(getDb(), auditor.id, env.NEXTAUTH_SECRET!);
  const plans = await filterPlans(owner, RUNS);
  await disconnectDb();

  ensureBuild();
  server = await startServer(PORT, env);
  const results: { name: string; p50: number; p95: number; max: number; rows: number }[] = [];
  for (const plan of plans) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const query = plan.queries[i % plan.queries.length]!;
      const t = performance.now();
      const res = await fetch(`http://localhost:${PORT}/api/v1/audit/events?${query}&limit=50`, { headers: { cookie } });
      const body = (await res.json()) as { items?: unknown[] };
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`${plan.name}: HTTP ${res.status} for ${query}: ${JSON.stringify(body)}`);
      if (i >= WARMUP) {
        times.push(ms);
        rows += body.items?.length ?? 0;
      }
    }
    times.sort((a, b) => a - b);
    const pick = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
    results.push({ name: plan.name, p50: pick(50), p95: pick(95), max: times.at(-1)!, rows: rows / RUNS });
    const r = results.at(-1)!;
    console.log(`${plan.name.padEnd(44)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   max ${r.max.toFixed(1).padStart(6)} ms   rows ${r.rows.toFixed(0).padStart(3)}   ${r.p95 <= TARGET_MS ? "ok" : "OVER TARGET"}`);
  }
  console.log(`\n| Filter (first page, 50 rows) | p50 | p95 | max | rows |\n|---|---:|---:|---:|---:|`);
  for (const r of results) console.log(`| ${r.name} | ${r.p50.toFixed(0)} ms | ${r.p95.toFixed(0)} ms | ${r.max.toFixed(0)} ms | ${r.rows.toFixed(0)} |`);
  const over = results.filter((r) => r.p95 > TARGET_MS);
  console.log(over.length ? `\n${over.length} filter(s) over the ${TARGET_MS} ms p95 target` : `\nevery filter within the ${TARGET_MS} ms p95 target at ${count.toLocaleString("en-US")} events`);
  process.exitCode = over.length ? 1 : 0;
} finally {
  server?.kill("SIGTERM");
  await owner.end();
  // BENCH_KEEP_DB=1 leaves the seeded database (and its PostgreSQL) up, to study query plans.
  if (process.env.BENCH_KEEP_DB === "1") console.log(`kept: ${db.ownerUrl}`);
  else await db.close();
}
