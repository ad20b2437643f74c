// Developer tool: times the pieces of one content read in-process (no HTTP), to see where a
// request's milliseconds go. Not part of `npm run bench`.
import { freshDatabase, benchEnv, sessionCookie, treeCpuSeconds } from "./harness";

const db = await freshDatabase("profile");
Object.assign(process.env, benchEnv(db.appUrl, 1));
const { getDb, disconnectDb, withPgClient } = await import("../lib/db");
const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
const { upsertStaff } = await import("../prisma/factories");
const { readCaseMessages } = await import("../lib/access/read-case-messages");
const { sessionIdFromToken } = await import("../lib/auth/session-cookie");
try {
  const prisma = getDb();
  const a = { id: "pa", handle: "pa", displayName: "A", dataRegion: "US" as const };
  const b = { ...a, id: "pb", handle: "pb" };
  await pushAccounts(prisma, { accounts: [a, b] });
  await pushMessages(prisma, {
    conversations: [{ id: "pc", participantIds: ["pa", "pb"] }],
    messages: Array.from({ length: 220 }, (_, k) => ({ id: `pm${k}`, conversationId: "pc", senderId: k % 2 ? "pb" : "pa", sentAt: new Date(1e12 + k * 1000).toISOString(), text: `profile message ${k} ${"lorem ipsum ".repeat(6)}` })),
  });
  const { caseId } = await pushReport(prisma, { id: "pr", reporterId: "pa", conversationId: "pc", messageIds: ["pm101"], category: "HARASSMENT", text: "x" });
  const s = await upsertStaff(prisma, { email: "p@custody.test", name: "P", roles: ["REVIEWER"], regions: ["US"] });
  const conv = await prisma.case.update({ where: { id: caseId }, data: { status: "IN_REVIEW", assigneeId: s.id }, select: { conversationId: true } });
  await prisma.accessGrant.create({ data: { staffId: s.id, caseId, conversationId: conv.conversationId, purpose: "USER_REPORT", justification: "profiling the read path only", scopeFrom: 11, scopeTo: 210, status: "ACTIVE", expiresAt: new Date(Date.now() + 3600_000) } });
  const cookie = await sessionCookie(prisma, s.id, process.env.NEXTAUTH_SECRET!);
  const token = cookie.split("=")[1]!;
  const meta = { requestId: "p", ipHmac: null, userAgent: null };
  const time = async (label: string, n: number, fn: () => Promise<unknown>) => {
    for (let i = 0; i < 20; i++) await fn();
    // PostgreSQL is this process's child (embedded); its CPU is the tree's minus ours.
    const cpu = () => treeCpuSeconds(process.pid) - (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
    const t = performance.now();
    const c0 = cpu();
    const n0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const node = process.cpuUsage(n0);
    const pg = cpu() - c0;
    console.log(`${label.padEnd(28)} ${((performance.now() - t) / n).toFixed(2)} ms   node CPU ${((node.user + node.system) / 1000 / n).toFixed(2)} ms   PostgreSQL CPU ${((pg * 1000) / n).toFixed(2)} ms`);
  };
  const loadStaff = (id: string) => prisma.staff.findUnique({ where: { id }, select: { id: true, name: true, email: true, roles: true, regions: true, disabled: true, accountLinks: { select: { accountId: true } } } });
  const staff = { id: s.id, name: "P", email: s.email, roles: ["REVIEWER" as const], regions: ["US" as const], linkedAccountIds: [], sessionId: null, stepUpAt: new Date(), totpEnrolled: true };
  await time("session cookie", 300, () => sessionIdFromToken(token, process.env.NEXTAUTH_SECRET!));
  await time("loadStaff", 300, () => loadStaff(s.id));
  await time("readCaseMessages (200)", 300, () => readCaseMessages(staff, { caseId }, meta));
  const { loadReadContext, reveal } = await import("../lib/access/read-queries");
  const event = { actor: { id: s.id, email: s.email, roles: ["REVIEWER"] }, action: "CONTENT_READ", outcome: "ALLOWED", caseId, conversationId: conv.conversationId, meta } as const;
  const grant = (await withPgClient((db) => loadReadContext(db, caseId, s.id, new Date())))!.grant!;
  await time("loadReadContext", 300, () => withPgClient((db) => loadReadContext(db, caseId, s.id, new Date())));
  await time("reveal (+ tally, event)", 300, () => withPgClient((db) => reveal(db, { staffId: s.id, now: new Date(), readLimitPerHour: 1e8, grantId: grant.id, conversationId: conv.conversationId, messages: { from: 11, to: 210 }, event })));
  await time("messages via Prisma", 300, () => prisma.message.findMany({ where: { conversationId: conv.conversationId, position: { gte: 11, lte: 210 } }, orderBy: { position: "asc" }, select: { id: true, position: true, senderId: true, sentAt: true, hasMedia: true, ciphertext: true, nonce: true, keyVersion: true } }));
  await time("empty transaction", 300, () => prisma.$transaction(async () => 1));
  await time("SELECT 1", 300, () => prisma.$queryRaw`SELECT 1`);
} finally {
  await disconnectDb();
  await db.close();
}
