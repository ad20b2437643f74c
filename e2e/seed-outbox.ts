import type { Db } from "../lib/db";

// Two reported US conversations of the outbox spec's own (e2e/decision-delivery.spec.ts), so
// that it decides cases no other spec is counting on. Written through the ingestion code, like
// the demo data; their case ids reach the spec as E2E_OUTBOX_CASES.

export async function seedOutboxCases(db: Db): Promise<string[]> {
  const { pushAccounts, pushMessages, pushReport } = await import("../lib/intake/push");
  const ids: string[] = [];
  for (const [n, category] of [[1, "THREATS"], [2, "HARASSMENT"]] as const) {
    const a = { id: `e2e-outbox-a-${n}`, handle: `quinn_out${n}`, displayName: `Quinn ${n}`, dataRegion: "US" } as const;
    const b = { ...a, id: `e2e-outbox-b-${n}`, handle: `rory_out${n}`, displayName: `Rory ${n}` };
    await pushAccounts(db, { accounts: [a, b] });
    const start = Date.parse("2026-11-20T18:00:00Z");
    const conversationId = `e2e-outbox-c-${n}`;
    await pushMessages(db, {
      conversations: [{ id: conversationId, participantIds: [a.id, b.id] }],
      messages: Array.from({ length: 12 }, (_, i) => ({ id: `e2e-outbox-m-${n}-${i + 1}`, conversationId, senderId: i % 2 ? b.id : a.id, sentAt: new Date(start + i * 90_000).toISOString(), text: `outbox spec message ${i + 1}` })),
    });
    const { caseId } = await pushReport(db, {
      id: `e2e-outbox-r-${n}`,
      reporterId: a.id,
      conversationId,
      messageIds: [`e2e-outbox-m-${n}-6`],
      category,
      text: "They keep sending these after I blocked them on the other app.",
    });
    ids.push(caseId);
  }
  return ids;
}
