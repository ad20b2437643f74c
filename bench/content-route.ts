// npm run bench — GET /api/v1/cases/{caseId}/messages for a 200-message scope at 16 concurrent
// clients holding valid grants, against the production server on the embedded PostgreSQL,
// with the same server's GET /api/health measured in the same run for comparison.
// Targets (2 cores): p95 ≤ 50 ms and ≥ 300 logged reads per second.
import { benchEnv, cpuMeter, ensureBuild, fmt, fmtCpu, freshDatabase, runLoad, sessionCookie, startServer } from "./harness";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SCOPE = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3200);

const db = await freshDatabase("content");
const env = benchEnv(db.appUrl, PORT);
Object.assign(process.env, env);
const { getDb, disconnectDb } = await import("../lib/db");
const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
const { upsertStaff } = await import("../prisma/factories");

let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  console.log(`setting up ${CLIENTS} reviewers, each with a claimed case and a live ${SCOPE}-message grant`);
  const prisma = getDb();
  const clients: { cookie: string; caseId: string }[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const a = { id: `bench-a-${i}`, handle: `bench_a_${i}`, displayName: `Bench A${i}`, dataRegion: "US" as const };
    const b = { ...a, id: `bench-b-${i}`, handle: `bench_b_${i}`, displayName: `Bench B${i}` };
    await pushAccounts(prisma, { accounts: [a, b] });
    const start = Date.parse("2026-10-01T00:00:00Z");
    await pushMessages(prisma, {
      conversations: [{ id: `bench-conv-${i}`, participantIds: [a.id, b.id] }],
      messages: Array.from({ length: SCOPE + 20 }, (_, k) => ({
        id: `bench-${i}-${k}`,
        conversationId: `bench-conv-${i}`,
        senderId: k % 2 ? b.id : a.id,
        sentAt: new Date(start + k * 30_000).toISOString(),
        text: `benchmark message ${k} in conversation ${i}: ${"lorem ipsum dolor sit amet ".repeat(3)}`,
      })),
    });
    const { caseId } = await pushReport(prisma, {
      id: `bench-report-${i}`,
      reporterId: a.id,
      conversationId: `bench-conv-${i}`,
      messageIds: [`bench-${i}-101`],
      category: "HARASSMENT",
      text: "benchmark report",
    });
    const staff = await upsertStaff(prisma, { email: `bench-reviewer-${i}@custody.test`, name: `Bench ${i}`, roles: ["REVIEWER"], regions: ["US"] });
    const conv = await prisma.case.update({ where: { id: caseId }, data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() }, select: { conversationId: true } });
    // A 200-message scope needs second-person approval in the product; the benchmark creates
    // the approved grant directly because it measures reads, not approvals.
    await prisma.accessGrant.create({
      data: { staffId: staff.id, caseId, conversationId: conv.conversationId, purpose: "USER_REPORT", justification: "benchmark: reading a 200-message scope", scopeFrom: 11, scopeTo: 10 + SCOPE, status: "ACTIVE", expiresAt: new Date(Date.now() + 4 * 3600_000) },
    });
    clients.push({ caseId, cookie: await sessionCookie(prisma, staff.id, env.NEXTAUTH_SECRET!) });
  }
  await disconnectDb();

  ensureBuild();
  server = await startServer(PORT, env);
  const base = `http://localhost:${PORT}`;
  const probe = await fetch(`${base}/api/v1/cases/${clients[0]!.caseId}/messages`, { headers: { cookie: clients[0]!.cookie } });
  const body = (await probe.json()) as { messages?: unknown[] };
  if (probe.status !== 200 || body.messages?.length !== SCOPE) throw new Error(`probe failed: ${probe.status} ${JSON.stringify(body).slice(0, 200)}`);

  const reads = clients.map((c) => ({ path: `/api/v1/cases/${c.caseId}/messages`, headers: { cookie: c.cookie } }));
  const warm = (n: number) => runLoad({ port: PORT, clients: CLIENTS, seconds: n, requests: reads });
  await warm(3);
  let meter = cpuMeter(server.pid!);
  const health = await runLoad({ port: PORT, clients: CLIENTS, seconds: SECONDS, requests: [{ path: "/api/health" }] });
  const healthCpu = meter();
  meter = cpuMeter(server.pid!);
  const content = await runLoad({ port: PORT, clients: CLIENTS, seconds: SECONDS, requests: reads });

  const contentCpu = meter();
  const logged = await (async () => {
    const { default: pg } = await import("pg");
    const c = new pg.Client({ connectionString: db.ownerUrl });
    await c.connect();
    const r = await c.query(`SELECT count(*)::int AS n FROM access_event WHERE action = 'CONTENT_READ' AND outcome = 'ALLOWED'`);
    await c.end();
    return r.rows[0].n as number;
  })();

  console.log(`\n${CLIENTS} concurrent clients, ${SECONDS} s each, ${SCOPE}-message scope`);
  console.log(`GET /api/health                       ${fmt(health)}`);
  console.log(`GET /api/v1/cases/{id}/messages       ${fmt(content)}`);
  console.log(`health:  ${fmtCpu(healthCpu, health)}`);
  console.log(`content: ${fmtCpu(contentCpu, content)}`);
  console.log(`content ÷ health throughput: ${(content.rps / health.rps).toFixed(2)}   p95 ratio: ${(content.p95 / health.p95).toFixed(2)}`);
  console.log(`logged CONTENT_READ events: ${logged} (each 200 message ids)`);
  const pass = content.p95 <= 50 && content.rps >= 300 && content.errors === 0;
  console.log(`target p95 ≤ 50 ms and ≥ 300 logged reads/s: ${pass ? "MET" : "NOT MET"}`);
} finally {
  server?.kill();
  await db.close();
}
