import type { Db } from "../lib/db";

// Two reported US conversations of the outbox spec's own (e2e/decision-delivery.spec.ts), so
// that it decides cases no other spec is counting on. Written through the ingestion code, like
// the demo data; their case ids reach the spec as E2E_OUTBOX_CASES.

export async function seedOutboxCases(db: Db): Promise<string[]> {
  const { upsertAccounts } = await import("../lib/intake/upsert-accounts");
  const { ingestMessages } = await import("../lib/intake/ingest-messages");
  const { ingestReport } = await import("../lib/intake/ingest-report");
  const ids: string[] = [];
  for (const [n, category] of [[1, "THREATS"], [2, "HARASSMENT"]] as const) {
    const a = { externalId: `e2e-outbox-a-${n}`, handle: `quinn_out${n}`, displayName: `Quinn ${n}`, dataRegion: "US", isMinor: false, isProtected: false, protectedKind: null } as const;
    const b = { ...a, externalId: `e2e-outbox-b-${n}`, handle: `rory_out${n}`, displayName: `Rory ${n}` };
    await upsertAccounts(db, [a, b]);
    const start = Date.parse("2026-11-20T18:00:00Z");
    await ingestMessages(db, {
      conversationExternalId: `e2e-outbox-c-${n}`,
      participantExternalIds: [a.externalId, b.externalId],
      messages: Array.from({ length: 12 }, (_, i) => ({ externalId: `e2e-outbox-m-${n}-${i + 1}`, senderExternalId: i % 2 ? b.externalId : a.externalId, sentAt: new Date(start + i * 90_000), text: `outbox spec message ${i + 1}` })),
    });
    const { caseId } = await ingestReport(db, {
      externalId: `e2e-outbox-r-${n}`,
      reporterExternalId: a.externalId,
      conversationExternalId: `e2e-outbox-c-${n}`,
      reportedMessageExternalIds: [`e2e-outbox-m-${n}-6`],
      category,
      text: "They keep sending these after I blocked them on the other app.",
    });
    ids.push(caseId);
  }
  return ids;
}
