// The database e2e/two-nodes.spec.ts runs its two nodes on: a fresh one on this run's
// PostgreSQL server, which neither node owns (the spec's main server uses another database on
// the same server, so its sealer is not a third candidate). Migrated by the production code,
// with reviewers who each hold a live grant on a claimed case, a lead, and session cookies
// that have passed step-up (written directly: the spec tests the nodes, not sign-in).
// Run as its own process (`node --conditions=react-server --import tsx`); prints one JSON line.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { sessionCookie } from "../bench/harness";

const readers = Number(process.argv[2] ?? 4);
const scope = 20;
const server = new URL(process.env.E2E_OWNER_URL!);
server.pathname = "/postgres";
process.env.TEST_DATABASE_SERVER_URL = server.toString();
// Its own login role: re-running ensureAppLogin for the main server's role would change its password.
const db = await createFreshDatabase({ prefix: "custody_e2e_nodes", appRole: "custody_e2e_nodes_app", embedded: { port: 0, dataDir: "" } });

const dataDir = path.resolve(".data/e2e-run");
const env = {
  DATABASE_URL: db.appUrl,
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  CUSTODY_KEK: randomBytes(32).toString("base64"),
  CUSTODY_SIGNING_KEY: randomBytes(32).toString("base64"),
  CUSTODY_DATA_DIR: dataDir,
  CUSTODY_CHECKPOINT_DIR: path.join(dataDir, "checkpoints", db.name),
};
Object.assign(process.env, env);
const { getDb, disconnectDb } = await import("../lib/db");
const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
const { upsertStaff } = await import("../prisma/factories");
const prisma = getDb();

const clients: { cookie: string; caseId: string; grantId: string }[] = [];
for (let i = 0; i < readers; i++) {
  const a = { id: `nodes-a-${i}`, handle: `nodes_a_${i}`, displayName: `Nodes A${i}`, dataRegion: "US" as const };
  const b = { ...a, id: `nodes-b-${i}`, handle: `nodes_b_${i}`, displayName: `Nodes B${i}` };
  await pushAccounts(prisma, { accounts: [a, b] });
  const start = Date.parse("2026-10-01T00:00:00Z");
  await pushMessages(prisma, {
    conversations: [{ id: `nodes-conv-${i}`, participantIds: [a.id, b.id] }],
    messages: Array.from({ length: scope + 5 }, (_, k) => ({
      id: `nodes-${i}-${k}`,
      conversationId: `nodes-conv-${i}`,
      senderId: k % 2 ? b.id : a.id,
      sentAt: new Date(start + k * 30_000).toISOString(),
      text: `two-node message ${k} in conversation ${i}`,
    })),
  });
  const { caseId } = await pushReport(prisma, { id: `nodes-report-${i}`, reporterId: a.id, conversationId: `nodes-conv-${i}`, messageIds: [`nodes-${i}-3`], category: "HARASSMENT", text: "two-node report" });
  const staff = await upsertStaff(prisma, { email: `nodes-reviewer-${i}@custody.test`, name: `Nodes ${i}`, roles: ["REVIEWER"], regions: ["US"] });
  const kase = await prisma.case.update({ where: { id: caseId }, data: { status: "IN_REVIEW", assigneeId: staff.id, claimedAt: new Date() }, select: { conversationId: true } });
  const grant = await prisma.accessGrant.create({
    data: { staffId: staff.id, caseId, conversationId: kase.conversationId, purpose: "USER_REPORT", justification: "two-node test: reading the reported thread", scopeFrom: 1, scopeTo: scope, status: "ACTIVE", expiresAt: new Date(Date.now() + 4 * 3600_000) },
    select: { id: true },
  });
  clients.push({ caseId, grantId: grant.id, cookie: await sessionCookie(prisma, staff.id, env.NEXTAUTH_SECRET) });
}
const lead = await upsertStaff(prisma, { email: "nodes-lead@custody.test", name: "Nodes Lead", roles: ["LEAD"], regions: ["US"] });
const leadCookie = await sessionCookie(prisma, lead.id, env.NEXTAUTH_SECRET);
await disconnectDb();

console.log(JSON.stringify({ name: db.name, ownerUrl: db.ownerUrl, env, clients, leadCookie, scope }));
