import { randomUUID } from "node:crypto";
import { CustodyClient } from "../platform-sim/custody-client";
import type { AccountFacts, Category, ReportResult, Region } from "../platform-sim/wire";

// A spec's own reported thread, sent through the signed intake as the platform would send it.
// Specs share one seeded database and run one after another, so a spec that needs open cases
// makes its own rather than claiming seeded ones that other specs also count on.

export type OwnThread = { caseId: string; conversationId: string; messageIds: string[]; accounts: { reporter: string; reported: string } };

function client(): CustodyClient {
  const secret = process.env.CUSTODY_INTAKE_SECRET;
  if (!secret) throw new Error("CUSTODY_INTAKE_SECRET is unset: run specs through `npm run test:e2e`");
  return new CustodyClient(`http://localhost:${process.env.E2E_PORT ?? 3100}`, secret, { attempts: 3, backoffMs: 300 });
}

async function send<T>(c: CustodyClient, route: string, payload: unknown): Promise<T> {
  const answer = await c.post<T>(route, payload);
  if (!answer.ok) throw new Error(`${route}: ${answer.status} ${answer.code} ${answer.message}`);
  return answer.body;
}

/**
 * Ingests two fresh accounts, a conversation between them with `texts` sent by the reported
 * account (one message each), and a report of all of them by the other: a new open case.
 */
export async function ingestReportedThread(opts: { tag: string; texts: readonly string[]; region?: Region; category?: Category }): Promise<OwnThread> {
  const c = client();
  const run = `${opts.tag}-${randomUUID().slice(0, 8)}`;
  const region = opts.region ?? "US";
  const reporter: AccountFacts = { id: `acct-${run}-a`, handle: `${opts.tag}_reporter_${run.slice(-8)}`, displayName: "Spec Reporter", dataRegion: region };
  const reported: AccountFacts = { id: `acct-${run}-b`, handle: `${opts.tag}_reported_${run.slice(-8)}`, displayName: "Spec Reported", dataRegion: region };
  await send(c, "/api/v1/intake/accounts", { accounts: [reporter, reported] });
  const conversationId = `conv-${run}`;
  const start = Date.now() - opts.texts.length * 60_000;
  const messages = opts.texts.map((text, i) => ({ id: `msg-${run}-${i}`, conversationId, senderId: reported.id, sentAt: new Date(start + i * 60_000).toISOString(), text }));
  // The intake takes up to 500 messages a batch.
  for (let i = 0; i < messages.length; i += 500) {
    await send(c, "/api/v1/intake/messages", { conversations: [{ id: conversationId, participantIds: [reporter.id, reported.id] }], messages: messages.slice(i, i + 500) });
  }
  const report = await send<ReportResult>(c, "/api/v1/intake/reports", {
    id: `rep-${run}`,
    reporterId: reporter.id,
    conversationId,
    messageIds: messages.map((m) => m.id),
    category: opts.category ?? "HARASSMENT",
    text: "Reported by an end-to-end spec",
  });
  return { caseId: report.caseId, conversationId, messageIds: messages.map((m) => m.id), accounts: { reporter: reporter.id, reported: reported.id } };
}
