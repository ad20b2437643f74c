// npm run bench:nodes — the content route's throughput through one node and through two nodes
// (two lib/cli/serve.mjs servers, CUSTODY_WORKERS=1 each, on one database), measured in the
// same run, printed with the ratio (ADR 026). Same reads as `npm run bench` (16 clients, each a
// live 200-message grant). On a 2-core machine the ratio cannot show scale-out: the nodes, the
// database and the load generator share the cores; it shows that a second node costs nothing.
import { benchEnv, ensureBuild, fmt, freshDatabase, runLoad, sessionCookie, startServer, type LoadResult } from "./harness";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SCOPE = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3200);

const db = await freshDatabase("nodes");
const env = benchEnv(db.appUrl, PORT);
Object.assign(process.env, env);
const { getDb, disconnectDb } = await import("../lib/db");
const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
const { upsertStaff } = await import("../prisma/factories");

const servers: Awaited<ReturnType<typeof startServer>>[] = [];
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
  const nodeEnv = { ...env, CUSTODY_WORKERS: "1" };
  servers.push(await startServer(PORT, nodeEnv), await startServer(PORT + 1, { ...nodeEnv, NEXTAUTH_URL: `http://localhost:${PORT + 1}` }));
  const reads = clients.map((c) => ({ path: `/api/v1/cases/${c.caseId}/messages`, headers: { cookie: c.cookie } }));
  const half = Math.ceil(CLIENTS / 2);
  const through = async (ports: number[], seconds: number): Promise<LoadResult[]> =>
    Promise.all(ports.map((port, i) => runLoad({ port, clients: ports.length === 1 ? CLIENTS : i === 0 ? half : CLIENTS - half, seconds, requests: ports.length === 1 ? reads : i === 0 ? reads.slice(0, half) : reads.slice(half) })));
  await through([PORT, PORT + 1], 3);
  const one = await through([PORT], SECONDS);
  const two = await through([PORT, PORT + 1], SECONDS);
  const rps = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.rps, 0);
  const errors = (rs: LoadResult[]) => rs.reduce((n, r) => n + r.errors, 0);
  console.log(`\n${CLIENTS} concurrent clients, ${SECONDS} s each, ${SCOPE}-message scope, CUSTODY_WORKERS=1 per node`);
  console.log(`one node:  ${fmt(one[0]!)}`);
  two.forEach((r, i) => console.log(`two nodes, node ${i + 1}: ${fmt(r)}`));
  console.log(`one node ${rps(one).toFixed(0)} reads/s, two nodes ${rps(two).toFixed(0)} reads/s, ratio ${(rps(two) / rps(one)).toFixed(2)} (errors ${errors(one)} / ${errors(two)})`);
} finally {
  for (const s of servers) s.kill();
  await db.close();
}
