import { afterAll, describe, expect, it, vi } from "vitest";
import * as queries from "@/lib/access/read-queries";
import { reveal, type Reveal } from "@/lib/access/read-queries";
import { readCaseMessages } from "@/lib/access/read-case-messages";
import { requestGrant } from "@/lib/access/request-grant";
import { disconnectDb, getDb, withPgClient } from "@/lib/db";
import { assignTo, eventsSince, lastSeq, makeReportedConversation, makeStaff, meta } from "./world";

// The content route checks the policy on what it read, then writes in one statement that
// re-checks the grant and the hourly limit as it writes. These tests play the race from the
// attacker's side: the grant is revoked, or expires, or the limit is used up, after the check
// and before the write. The write must then reveal nothing, log no read and count nothing.

afterAll(() => disconnectDb());

const JUSTIFICATION = "Reviewing the reported messages in context";

async function readerWithGrant() {
  const reviewer = await makeStaff(["REVIEWER"]);
  const world = await makeReportedConversation({ messages: 40, reportedPosition: 20 });
  await assignTo(world.caseId, reviewer);
  const { grant } = await requestGrant(reviewer, { caseId: world.caseId, purpose: "USER_REPORT", justification: JUSTIFICATION }, meta);
  const conversationId = (await getDb().case.findUniqueOrThrow({ where: { id: world.caseId }, select: { conversationId: true } })).conversationId;
  const input = (over: Partial<Reveal> = {}): Reveal => ({
    staffId: reviewer.id,
    now: new Date(),
    readLimitPerHour: 100,
    grantId: grant.id,
    conversationId,
    messages: { from: 10, to: 30 },
    event: { actor: { id: reviewer.id, email: reviewer.email, roles: reviewer.roles }, action: "CONTENT_READ", outcome: "ALLOWED", caseId: world.caseId, conversationId, grantId: grant.id, meta },
    ...over,
  });
  return { reviewer, world, grant, input };
}

const tally = async (staffId: string) => (await getDb().contentReadTally.aggregate({ where: { staffId }, _sum: { reads: true } }))._sum.reads ?? 0;

describe("the write re-checks what the policy decided", () => {
  it("reveals, logs and counts a read while the grant is live and within the limit", async () => {
    const { reviewer, world, input } = await readerWithGrant();
    // Millisecond times survive the trip (the statement hands them over as epoch milliseconds).
    const odd = [new Date("2026-03-04T05:06:07.999Z"), new Date("1999-12-31T23:59:59.001Z"), new Date("2026-10-25T01:30:00.500Z")];
    for (const [i, sentAt] of odd.entries()) await getDb().message.update({ where: { id: world.messageIds[9 + i]! }, data: { sentAt } });
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input()));
    expect(out.revealed).toBe(true);
    if (!out.revealed) return;
    expect(out.rows.map((r) => r.position)).toEqual(Array.from({ length: 21 }, (_, i) => 10 + i));
    const stored = await getDb().message.findMany({ where: { id: { in: out.rows.map((r) => r.id) } }, select: { id: true, sentAt: true } });
    const sentAt = new Map(stored.map((m) => [m.id, m.sentAt.toISOString()]));
    expect(out.rows.map((r) => new Date(Number(r.sentAtMs)).toISOString())).toEqual(out.rows.map((r) => sentAt.get(r.id)));
    expect(out.rows.slice(0, 3).map((r) => new Date(Number(r.sentAtMs)).toISOString())).toEqual(odd.map((d) => d.toISOString()));
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => [e.seq, e.messageIds])).toEqual([[out.seq, out.rows.map((r) => r.id)]]);
    // The purpose and justification logged are the grant's, read from its row by the statement.
    expect(events.map((e) => [e.purpose, e.justification])).toEqual([["USER_REPORT", JUSTIFICATION]]);
    expect(await tally(reviewer.id)).toBe(1);
  });

  it("reveals exactly the named messages when asked by id", async () => {
    const { world, input } = await readerWithGrant();
    const ids = [world.messageIds[11]!, world.messageIds[25]!];
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input({ messages: { ids } })));
    expect(out.revealed && out.rows.map((r) => r.id)).toEqual(ids);
    expect((await eventsSince(before, world.caseId)).map((e) => e.messageIds)).toEqual([ids]);
  });

  it.each([
    ["revoked", { status: "ENDED" as const, endedAt: new Date() }],
    ["expired", { expiresAt: new Date(Date.now() - 1000) }],
  ])("a grant %s after the check: nothing revealed, logged or counted", async (_, change) => {
    const { reviewer, world, grant, input } = await readerWithGrant();
    await getDb().accessGrant.update({ where: { id: grant.id }, data: change });
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input()));
    expect(out).toEqual({ revealed: false, grantLive: false, inScope: false, withinLimit: false });
    expect(await eventsSince(before, world.caseId)).toEqual([]);
    expect(await tally(reviewer.id)).toBe(0);
  });

  it("the limit used up after the check: nothing revealed or logged, and the bucket is not bumped", async () => {
    const { reviewer, world, input } = await readerWithGrant();
    await withPgClient((db) => reveal(db, input()));
    await withPgClient((db) => reveal(db, input()));
    const before = await lastSeq();
    const out = await withPgClient((db) => reveal(db, input({ readLimitPerHour: 2 })));
    expect(out).toEqual({ revealed: false, grantLive: true, inScope: true, withinLimit: false });
    expect(await eventsSince(before, world.caseId)).toEqual([]);
    expect(await tally(reviewer.id)).toBe(2);
  });

  it("a read that loses the race is refused with the grant's reason and a logged denial", async () => {
    // The policy sees a live grant (the context is read first); the grant ends before the write.
    const { reviewer, world, grant } = await readerWithGrant();
    const load = queries.loadReadContext;
    const before = await lastSeq();
    const spy = vi.spyOn(queries, "loadReadContext").mockImplementation(async (db, caseId, staffId, now) => {
      const kase = await load(db, caseId, staffId, now);
      await getDb().accessGrant.update({ where: { id: grant.id }, data: { status: "ENDED", endedAt: new Date() } });
      return kase;
    });
    try {
      await expect(readCaseMessages(reviewer, { caseId: world.caseId }, meta)).rejects.toMatchObject({ status: 403, code: "GRANT_ENDED" });
    } finally {
      spy.mockRestore();
    }
    const events = await eventsSince(before, world.caseId);
    expect(events.map((e) => [e.outcome, e.denialReason, e.messageIds])).toEqual([["DENIED", "GRANT_ENDED", []]]);
    expect(await tally(reviewer.id)).toBe(0);
  });

  it("the database refuses a message nonce that is not 12 bytes (the read splits nonce‖ciphertext at 12)", async () => {
    const { world } = await readerWithGrant();
    await expect(getDb().$executeRaw`UPDATE message SET nonce = ${new Uint8Array(16)} WHERE id = ${world.messageIds[0]!}::uuid`).rejects.toThrow(/message_nonce_length/);
  });
});
