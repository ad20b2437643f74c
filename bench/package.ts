// `npm run bench:package`: a legal request's disclosure package of MESSAGES messages (default
// 10,000, encrypted through the real ingestion) built end to end on a fresh embedded database:
// the EXPORT event and APPROVED → DISCLOSED, sealing and the inclusion proof, decrypting a batch
// at a time into the PDF listing and records.jsonl, the signed manifest; written to a file and
// then verified offline. Target (issue 11 §4): 10,000 messages in ≤ 10 s in constant memory
// (under 300 MB resident). Prints rss before, after and the peak (sampled every 20 ms).
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { availableParallelism, freemem, loadavg, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { benchEnv, freshDatabase } from "./harness";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const TARGET_S = 10;
const TARGET_RSS_MB = 300;
const mb = (n: number) => Math.round(n / 1024 / 1024);

const db = await freshDatabase("package");
Object.assign(process.env, benchEnv(db.appUrl, 0));
const out = mkdtempSync(path.join(tmpdir(), "custody-bench-package-"));
const { getDb, disconnectDb } = await import("../lib/db");
try {
  const { pushAccounts, pushMessages } = await import("../lib/intake/push");
  const { upsertStaff, createLegalRequest } = await import("../prisma/factories");
  const { createSession, resolveSession } = await import("../lib/auth/session-store");
  const { verifyLegalRequest } = await import("../lib/legal/verify-request");
  const { changeLegalRequestStatus } = await import("../lib/legal/request-status");
  const { prepareDisclosurePackage } = await import("../lib/legal/disclosure/build-package");
  const { verifyDisclosurePackage } = await import("../lib/log/disclosure/verify-package");
  const { checkpointSigningKey } = await import("../lib/log/config");
  const meta = { requestId: "bench", ipHmac: null, userAgent: "bench" };
  const prisma = getDb();

  const t0 = performance.now();
  const staff = async (name: string) => {
    const s = await upsertStaff(prisma, { email: `${name}@bench.test`, name, roles: ["LEGAL"], regions: ["US"], password: "bench-pw" });
    const sid = await createSession(prisma, s.id);
    await prisma.staffSession.update({ where: { id: sid }, data: { stepUpAt: new Date() } });
    return (await resolveSession(sid))!;
  };
  const [taker, verifier] = [await staff("taker"), await staff("verifier")];
  const a = { id: "acct-a", handle: "alex_bench", displayName: "Alex", dataRegion: "US", minor: false, protected: false, protectedKind: null } as const;
  const b = { ...a, id: "acct-b", handle: "blake_bench", displayName: "Blake" } as const;
  await pushAccounts(prisma, { accounts: [a, b] });
  const start = Date.parse("2026-10-01T00:00:00Z");
  for (let i = 0; i < MESSAGES; i += 500) {
    const n = Math.min(500, MESSAGES - i);
    await pushMessages(prisma, {
      conversations: [{ id: "conv-bench", participantIds: [a.id, b.id] }],
      messages: Array.from({ length: n }, (_, j) => ({ id: `m-${i + j + 1}`, conversationId: "conv-bench", senderId: (i + j) % 2 ? b.id : a.id, sentAt: new Date(start + (i + j) * 1000).toISOString(), text: `bench message ${i + j + 1}: ${"lorem ipsum dolor sit amet ".repeat(4)}` })),
    });
  }
  const account = await prisma.platformAccount.findUniqueOrThrow({ where: { externalId: a.id }, select: { id: true } });
  const request = await createLegalRequest(prisma, taker.id, { namedAccountIds: [account.id], dateFrom: new Date(start), dateTo: new Date(start + MESSAGES * 1000) });
  const { caseIds } = await verifyLegalRequest(verifier, request.id, { method: "PORTAL", passed: true, note: "bench" }, meta);
  const conversation = await prisma.conversation.findUniqueOrThrow({ where: { externalId: "conv-bench" }, select: { id: true } });
  // The approved LEGAL_PROCESS grant over the whole conversation (the grant flow is measured elsewhere).
  await prisma.accessGrant.create({
    data: { staffId: taker.id, caseId: caseIds[0]!, conversationId: conversation.id, purpose: "LEGAL_PROCESS", justification: "Search warrant, bench", scopeFrom: 1, scopeTo: MESSAGES, status: "ACTIVE", approvedById: verifier.id, expiresAt: new Date(Date.now() + 3600_000) },
  });
  await changeLegalRequestStatus(verifier, request.id, { to: "APPROVED" }, meta);
  console.log(`setup: ${MESSAGES} encrypted messages, an approved warrant, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const file = path.join(out, "package.zip");
  const t1 = performance.now();
  const pkg = await prepareDisclosurePackage(taker, request.id, meta);
  const logged = performance.now();
  await pkg.write(createWriteStream(file));
  const seconds = (performance.now() - t1) / 1000;
  clearInterval(sampler);
  const after = process.memoryUsage().rss;
  peak = Math.max(peak, after);

  const verified = await verifyDisclosurePackage(file, (await checkpointSigningKey()).verifierKey);
  const [load1] = loadavg();
  console.log(`package: ${pkg.ticket.messageCount} messages, ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB ZIP in ${seconds.toFixed(2)} s (EXPORT logged and sealed in ${((logged - t1) / 1000).toFixed(2)} s); target ≤ ${TARGET_S} s for 10,000 — ${seconds <= TARGET_S * (MESSAGES / 10_000) ? "MET" : "MISSED"}`);
  console.log(`memory: rss before ${mb(before)} MB, after ${mb(after)} MB, peak ${mb(peak)} MB (growth ${mb(peak - before)} MB); target peak < ${TARGET_RSS_MB} MB — ${mb(peak) < TARGET_RSS_MB ? "MET" : "MISSED"}`);
  console.log(`verify: ${verified.ok ? `OK, ${verified.messages} records` : `FAILED ${verified.kind}: ${verified.problem}`}; machine: ${availableParallelism()} cores, load ${load1!.toFixed(2)}, ${mb(freemem())}/${mb(totalmem())} MB free`);
  if (!verified.ok || pkg.ticket.messageCount !== MESSAGES) process.exitCode = 1;
} finally {
  rmSync(out, { recursive: true, force: true });
  await disconnectDb();
  await db.close();
}
