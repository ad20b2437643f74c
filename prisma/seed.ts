import type { Db } from "@/lib/db";
import { DEMO_PNG_BASE64 } from "@/lib/demo/demo-image";
import { DEMO_RULES } from "@/lib/demo/demo-rules";
import { generateDemoData } from "@/lib/demo/generate-demo-data";
import { ruleInput } from "@/lib/detection/rule-definition";
import { saveRule } from "@/lib/detection/save-rule";
import { MAX_BATCH_ITEMS } from "@/lib/intake/limits";
import { pushAccounts, pushMessages, pushReport } from "@/lib/intake/push";
import { DEMO_STAFF, upsertStaff } from "./factories";
import { seedLegalRequests } from "./seed-legal";

// Demo data goes through the same ingestion code as the platform's pushes, so it is encrypted
// exactly as real DMs are. Idempotent: everything is keyed by platform ids.

export type SeedOptions = { log?: (m: string) => void; concurrency?: number; scale?: number };

async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  const workers = Array.from({ length: concurrency }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(workers);
}

export async function seedDemo(db: Db, opts: SeedOptions = {}) {
  const log = opts.log ?? (() => {});
  for (const spec of DEMO_STAFF) await upsertStaff(db, spec);
  log(`staff: ${DEMO_STAFF.length} demo accounts`);

  const scale = opts.scale ?? 1;
  const data = generateDemoData(
    scale === 1
      ? {}
      : { accounts: Math.ceil(320 * scale), conversations: Math.ceil(1500 * scale), messages: Math.ceil(30_000 * scale), reports: Math.ceil(150 * scale) },
  );
  const have = await db.conversation.count({ where: { externalId: { in: data.conversations.map((c) => c.externalId) } } });
  const haveReports = await db.userReport.count({ where: { externalId: { in: data.reports.map((r) => r.externalId) } } });
  if (have >= data.conversations.length && haveReports >= data.reports.length) {
    log("demo data already present");
    await seedDetectionRules(db, log);
    await seedLegalRequests(db, log);
    return;
  }

  for (let i = 0; i < data.accounts.length; i += MAX_BATCH_ITEMS) {
    const accounts = data.accounts.slice(i, i + MAX_BATCH_ITEMS).map((a) => ({ id: a.externalId, handle: a.handle, displayName: a.displayName, dataRegion: a.dataRegion, minor: a.isMinor, protected: a.isProtected, protectedKind: a.protectedKind }));
    await pushAccounts(db, { accounts });
  }
  log(`accounts: ${data.accounts.length}`);

  const byConversation = new Map<string, (typeof data.messages)[number][]>();
  for (const m of data.messages) {
    const list = byConversation.get(m.conversationExternalId) ?? [];
    list.push(m);
    byConversation.set(m.conversationExternalId, list);
  }
  let done = 0;
  await inPool(data.conversations, opts.concurrency ?? 4, async (c) => {
    const messages = byConversation.get(c.externalId) ?? [];
    if (messages.length === 0) return;
    const wire = messages.map((m) => ({
      id: m.externalId,
      conversationId: c.externalId,
      senderId: m.senderExternalId,
      sentAt: m.sentAt.toISOString(),
      text: m.text,
      attachments: m.hasMedia ? [{ contentType: "image/png" as const, data: DEMO_PNG_BASE64 }] : [],
    }));
    for (let i = 0; i < wire.length; i += MAX_BATCH_ITEMS) {
      await pushMessages(db, { conversations: i === 0 ? [{ id: c.externalId, participantIds: c.participantExternalIds }] : [], messages: wire.slice(i, i + MAX_BATCH_ITEMS) });
    }
    if (++done % 250 === 0) log(`conversations: ${done}/${data.conversations.length}`);
  });
  log(`messages: ${data.messages.length} in ${data.conversations.length} conversations`);

  for (const r of data.reports) {
    await pushReport(db, { id: r.externalId, reporterId: r.reporterExternalId, conversationId: r.conversationExternalId, messageIds: r.reportedMessageExternalIds, category: r.category, text: r.text, createdAt: r.createdAt.toISOString(), priority: r.priority });
  }
  log(`reports: ${data.reports.length}`);
  await seedDetectionRules(db, log);
  await seedLegalRequests(db, log);
}

/**
 * The demo's detection rules, once (when there are none yet), logged as RULE_CHANGED by the
 * seed. Written after the demo messages: detection runs at ingest only, so the seeded history
 * is not flagged after the fact; messages that arrive later (the platform simulator) are. US
 * scanning is on and EU scanning off by default (lib/policy/detection.ts), so the seed leaves
 * the region switches alone.
 */
async function seedDetectionRules(db: Db, log: (m: string) => void) {
  if ((await db.detectionRule.count()) > 0) return;
  for (const rule of DEMO_RULES) await saveRule(db, { seed: true }, null, ruleInput.parse(rule));
  log(`detection rules: ${DEMO_RULES.length}`);
}
