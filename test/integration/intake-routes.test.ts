import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "@/lib/db";
import { readIntakeCounters } from "@/lib/intake/counters";
import { pruneReplays } from "@/lib/intake/replay";
import { MAX_BODY_BYTES } from "@/lib/intake/limits";
import { JPEG, PNG, intakeSecrets, rowCounts, send, twoAccounts } from "./intake-client";

// The platform's signed intake through its real route handlers and a real PostgreSQL: the
// signature, tolerance and replay checks, idempotent re-delivery, and every class of bad
// input the issue lists — each a 4xx naming the item and field, with a row count before and
// after proving that nothing of the refused batch was stored (and no access event written).

afterAll(() => disconnectDb());

let n = 0;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
const msg = (conv: string, sender: string, extra: Record<string, unknown> = {}) => ({ id: `m-${conv}-${++n}`, conversationId: conv, senderId: sender, sentAt: at(n % 60), text: `hello ${n}`, ...extra });

describe("signed intake: signatures and replays", () => {
  let people: Awaited<ReturnType<typeof twoAccounts>>;
  beforeAll(async () => {
    people = await twoAccounts();
  });
  const batch = () => ({ conversations: [{ id: `c-${people.id}-${++n}`, participantIds: [people.a, people.b] }], messages: [] as unknown[] });

  it("accepts a batch signed with either active secret (rotation)", async () => {
    const [current, previous] = intakeSecrets();
    expect((await send("messages", batch(), { secret: current })).status).toBe(200);
    expect((await send("messages", batch(), { secret: previous })).status).toBe(200);
  });

  it.each([
    ["unsigned", { headers: { "webhook-id": null, "webhook-timestamp": null, "webhook-signature": null } }, 401, "BAD_SIGNATURE"],
    ["signed with a secret that is not active", { secret: `whsec_${Buffer.alloc(32, 7).toString("base64")}` }, 401, "BAD_SIGNATURE"],
    ["a signature that does not match", { headers: { "webhook-signature": `v1,${Buffer.alloc(32).toString("base64")}` } }, 401, "BAD_SIGNATURE"],
    ["stale: stamped 6 minutes ago", { at: new Date(Date.now() - 6 * 60_000) }, 401, "STALE_TIMESTAMP"],
    ["stamped 6 minutes ahead", { at: new Date(Date.now() + 6 * 60_000) }, 401, "STALE_TIMESTAMP"],
  ] as const)("%s → %i %s, nothing stored", async (_label, opts, status, code) => {
    const before = await rowCounts();
    const res = await send("messages", batch(), opts);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    expect(res.body.error?.message).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
  });

  it("a replayed request (same webhook-id) is 409 REPLAYED and stores nothing more", async () => {
    const body = batch();
    expect((await send("messages", body, { id: `replay-${people.id}` })).status).toBe(200);
    const before = await rowCounts();
    const again = await send("messages", body, { id: `replay-${people.id}` });
    expect({ status: again.status, code: again.body.error?.code }).toEqual({ status: 409, code: "REPLAYED" });
    // Even with a different body, the id is spent.
    expect((await send("messages", batch(), { id: `replay-${people.id}` })).status).toBe(409);
    expect(await rowCounts()).toEqual(before);
  });

  it("a refused request consumes no webhook-id: the corrected request may reuse it", async () => {
    const bad = { ...batch(), messages: [msg("no-such-conversation", people.a)] };
    expect((await send("messages", bad, { id: `retry-${people.id}` })).status).toBe(400);
    expect((await send("messages", batch(), { id: `retry-${people.id}` })).status).toBe(200);
  });

  it("accepted ids are forgotten only once no copy could pass the timestamp check (15 minutes)", async () => {
    const db = getDb();
    const now = new Date(Date.now() + 10 * 60_000);
    const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    await db.intakeReplay.createMany({ data: [{ webhookId: `old-${people.id}`, receivedAt: ago(16) }, { webhookId: `recent-${people.id}`, receivedAt: ago(11) }] });
    expect(await pruneReplays(db, now)).toBeGreaterThanOrEqual(1);
    const left = await db.intakeReplay.findMany({ where: { webhookId: { in: [`old-${people.id}`, `recent-${people.id}`] } }, select: { webhookId: true } });
    expect(left.map((r) => r.webhookId)).toEqual([`recent-${people.id}`]);
  });

  it("two copies racing with one webhook-id: one is accepted, the other REPLAYED", async () => {
    const body = batch();
    const results = await Promise.all([send("messages", body, { id: `race-${people.id}` }), send("messages", body, { id: `race-${people.id}` })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe("signed intake: idempotent re-delivery", () => {
  it("accounts: created, then unchanged when re-sent, updated when changed", async () => {
    const id = `idem-${++n}`;
    const accounts = [{ id: `ia-${id}`, handle: `ia_${id}`, displayName: "Ia", dataRegion: "EU", minor: true, createdAt: "2025-01-01T00:00:00Z" }];
    expect((await send("accounts", { accounts })).body).toEqual({ accepted: 1, duplicate: 0, refused: 0, accounts: [{ id: `ia-${id}`, status: "created" }] });
    const before = await rowCounts();
    expect((await send("accounts", { accounts })).body).toEqual({ accepted: 0, duplicate: 1, refused: 0, accounts: [{ id: `ia-${id}`, status: "unchanged" }] });
    expect((await rowCounts()).platform_account).toBe(before.platform_account);
    expect((await send("accounts", { accounts: [{ ...accounts[0], displayName: "Ia B." }] })).body.accounts).toEqual([{ id: `ia-${id}`, status: "updated" }]);
    const row = await getDb().platformAccount.findUniqueOrThrow({ where: { externalId: `ia-${id}` } });
    expect(row).toMatchObject({ displayName: "Ia B.", dataRegion: "EU", isMinor: true, createdAt: new Date("2025-01-01T00:00:00Z") });
  });

  it("accounts: two accounts may swap handles in one batch; taking a handle held outside the batch is 409", async () => {
    const id = `swap-${++n}`;
    const x = { id: `sx-${id}`, handle: `sx_${id}`, displayName: "X", dataRegion: "US" };
    const y = { id: `sy-${id}`, handle: `sy_${id}`, displayName: "Y", dataRegion: "US" };
    await send("accounts", { accounts: [x, y] });
    expect((await send("accounts", { accounts: [{ ...x, handle: y.handle }, { ...y, handle: x.handle }] })).status).toBe(200);
    const rows = await getDb().platformAccount.findMany({ where: { externalId: { in: [x.id, y.id] } }, orderBy: { externalId: "asc" } });
    expect(rows.map((r) => r.handle)).toEqual([y.handle, x.handle]);
    const taken = await send("accounts", { accounts: [{ id: `sz-${id}`, handle: x.handle, displayName: "Z", dataRegion: "US" }] });
    expect({ status: taken.status, error: taken.body.error }).toMatchObject({ status: 409, error: { code: "HANDLE_TAKEN", item: 0, field: "accounts[0].handle" } });
  });

  it("messages: re-sending a batch stores nothing new and answers duplicate for each; positions follow sentAt", async () => {
    const p = await twoAccounts();
    const conv = `conv-${p.id}`;
    const messages = [msg(conv, p.a, { sentAt: at(3) }), msg(conv, p.b, { sentAt: at(1) }), msg(conv, p.a, { sentAt: at(2) })];
    const body = { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages };
    const first = await send("messages", body);
    expect(first.body).toEqual({ accepted: 3, duplicate: 0, flagged: 0, messages: messages.map((m) => ({ id: m.id, status: "accepted" })) });
    const before = await rowCounts();
    const again = await send("messages", body);
    expect(again.body).toEqual({ accepted: 0, duplicate: 3, flagged: 0, messages: messages.map((m) => ({ id: m.id, status: "duplicate" })) });
    const after = await rowCounts();
    expect({ ...after, intake_replay: before.intake_replay }).toEqual(before);
    expect(after.intake_replay).toBe(before.intake_replay! + 1);
    const stored = await getDb().message.findMany({ where: { conversation: { externalId: conv } }, orderBy: { position: "asc" }, select: { externalId: true, position: true } });
    expect(stored.map((s) => s.externalId)).toEqual([messages[1]!.id, messages[2]!.id, messages[0]!.id]);
    expect((await getDb().conversation.findUniqueOrThrow({ where: { externalId: conv } })).messageCount).toBe(3);
    // A later batch to the stored conversation, one new and one re-sent, needs no declaration.
    const later = await send("messages", { messages: [messages[0], msg(conv, p.b, { sentAt: at(9) })] });
    expect(later.body).toMatchObject({ accepted: 1, duplicate: 1 });
    expect((await getDb().conversation.findUniqueOrThrow({ where: { externalId: conv } })).messageCount).toBe(4);
  });

  it("two different batches racing on the same new messages store each message once", async () => {
    const p = await twoAccounts();
    const conv = `race-${p.id}`;
    const body = { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [msg(conv, p.a), msg(conv, p.b)] };
    const results = await Promise.all([send("messages", body), send("messages", body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.accepted).sort()).toEqual([0, 2]);
    expect(await getDb().message.count({ where: { conversation: { externalId: conv } } })).toBe(2);
  });
});

describe("signed intake: bad input is refused whole, naming item and field", () => {
  let p: Awaited<ReturnType<typeof twoAccounts>>;
  let conv: string;
  beforeAll(async () => {
    p = await twoAccounts();
    conv = `bad-${p.id}`;
    const res = await send("messages", { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [msg(conv, p.a)] });
    expect(res.status).toBe(200);
  });
  const stranger = async () => (await twoAccounts()).a;

  // Each batch starts with a good message, so "nothing stored" covers the good part too.
  const cases: [string, () => Promise<{ route: "messages" | "reports"; body?: unknown; raw?: string }>, number, string, number | undefined, string][] = [
    ["over 500 messages", async () => ({ route: "messages", body: { messages: Array.from({ length: 501 }, () => msg(conv, p.a)) } }), 400, "BAD_REQUEST", undefined, "messages"],
    ["a body over 2 MiB", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, p.b, { text: "x".repeat(9_000) })] }, raw: JSON.stringify({ messages: [msg(conv, p.a, { text: "y".repeat(MAX_BODY_BYTES) })] }) }), 413, "BODY_TOO_LARGE", undefined, ""],
    ["image bytes that are not the claimed type", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, p.b, { attachments: [{ contentType: "image/png", data: JPEG.toString("base64") }] })] } }), 400, "IMAGE_TYPE_MISMATCH", 1, "messages[1].attachments[0].data"],
    ["an unknown conversation", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(`nope-${p.id}`, p.b)] } }), 400, "UNKNOWN_CONVERSATION", 1, "messages[1].conversationId"],
    ["an unknown sender", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, `ghost-${p.id}`)] } }), 400, "UNKNOWN_ACCOUNT", 1, "messages[1].senderId"],
    ["a sender who is not a participant", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, await stranger())] } }), 400, "NOT_A_PARTICIPANT", 1, "messages[1].senderId"],
    // Declares a new conversation (written first inside the transaction), then fails on a later check.
    ["a stranger writing in a newly declared conversation", async () => ({ route: "messages", body: { conversations: [{ id: `fresh-${p.id}`, participantIds: [p.a, p.b] }], messages: [msg(`fresh-${p.id}`, p.a), msg(`fresh-${p.id}`, await stranger())] } }), 400, "NOT_A_PARTICIPANT", 1, "messages[1].senderId"],
    ["an unknown declared participant", async () => ({ route: "messages", body: { conversations: [{ id: `new-${p.id}`, participantIds: [p.a, `ghost-${p.id}`] }], messages: [msg(`new-${p.id}`, p.a)] } }), 400, "UNKNOWN_ACCOUNT", 0, "conversations[0].participantIds[1]"],
    ["U+0000 in a message text", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, p.b, { text: "nul\u0000here" })] } }), 400, "UNSAFE_TEXT", 1, "messages[1].text"],
    ["a lone surrogate in an id", async () => ({ route: "messages", body: { messages: [msg(conv, p.a), msg(conv, p.b, { id: "m\ud800" })] } }), 400, "UNSAFE_TEXT", 1, "messages[1].id"],
    ["a message id twice in one batch", async () => ({ route: "messages", body: { messages: [msg(conv, p.a, { id: `twice-${p.id}` }), msg(conv, p.b, { id: `twice-${p.id}` })] } }), 400, "DUPLICATE_ID", 1, "messages[1].id"],
    ["a reported message id that does not exist", async () => {
      const m = await getDb().message.findFirstOrThrow({ where: { conversation: { externalId: conv } }, select: { externalId: true } });
      return { route: "reports", body: { id: `r-${p.id}`, reporterId: p.b, conversationId: conv, messageIds: [m.externalId, `m-none-${p.id}`], category: "HARASSMENT", text: "mean" } };
    }, 400, "UNKNOWN_MESSAGE", undefined, "messageIds[1]"],
  ];

  it.each(cases)("%s is refused whole", async (_label, make, status, code, item, field) => {
    const { route, body, raw } = await make();
    const before = await rowCounts();
    const counted = (await readIntakeCounters(getDb()))[route].refused;
    const res = await send(route, body, { raw });
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    if (field) expect(res.body.error).toMatchObject({ field, ...(item === undefined ? {} : { item }) });
    expect(res.body.error?.message).toBeTruthy();
    expect(await rowCounts()).toEqual(before);
    expect((await readIntakeCounters(getDb()))[route].refused).toBe(counted + 1);
  });

  it("a valid inline image is stored and marks its message as having media", async () => {
    const m = msg(conv, p.a, { attachments: [{ contentType: "image/png", data: PNG.toString("base64") }] });
    expect((await send("messages", { messages: [m] })).body).toMatchObject({ accepted: 1 });
    const row = await getDb().message.findUniqueOrThrow({ where: { externalId: m.id }, select: { hasMedia: true, attachments: { select: { contentType: true, byteSize: true } } } });
    expect(row).toEqual({ hasMedia: true, attachments: [{ contentType: "image/png", byteSize: PNG.length }] });
  });

  it("not JSON, wrong content type, bad UTF-8 → 4xx, never 5xx", async () => {
    expect((await send("messages", null, { raw: "{not json" })).body.error?.code).toBe("BAD_JSON");
    expect((await send("messages", { messages: [] }, { headers: { "content-type": "text/plain" } })).status).toBe(415);
    const res = await send("messages", { conversations: [], messages: [] });
    expect({ status: res.status, field: res.body.error?.field }).toEqual({ status: 400, field: "messages" });
  });
});

describe("signed intake: counters", () => {
  it("count accepted and duplicate items and refused requests per route, and write no access event", async () => {
    const db = getDb();
    const before = await readIntakeCounters(db);
    const events = (await rowCounts()).access_event;
    const p = await twoAccounts();
    const conv = `count-${p.id}`;
    const body = { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [msg(conv, p.a), msg(conv, p.b)] };
    await send("messages", body);
    await send("messages", body);
    await send("messages", body, { headers: { "webhook-signature": null } });
    const after = await readIntakeCounters(db);
    expect(after.messages).toEqual({ accepted: before.messages.accepted + 2, duplicate: before.messages.duplicate + 2, refused: before.messages.refused + 1 });
    expect(after.accounts.accepted).toBe(before.accounts.accepted + 2);
    expect((await rowCounts()).access_event).toBe(events);
  });
});

describe("signed intake: a batch over many conversations (the keys and nonces of the bulk path)", () => {
  it("gives each new conversation one data key, reuses it on the next batch, and never repeats a nonce", async () => {
    const people = await twoAccounts();
    const convs = Array.from({ length: 40 }, (_, i) => `bulk-${people.id}-${i}`);
    const batch = (round: number) => ({
      conversations: round === 0 ? convs.map((id) => ({ id, participantIds: [people.a, people.b] })) : [],
      messages: Array.from({ length: 200 }, (_, j) => msg(convs[j % convs.length]!, j % 2 ? people.a : people.b, { id: `bulk-${people.id}-${round}-${j}` })),
    });
    expect((await send("messages", batch(0))).body).toMatchObject({ accepted: 200, duplicate: 0 });
    expect((await send("messages", batch(1))).body).toMatchObject({ accepted: 200, duplicate: 0 });

    const c = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
    await c.connect();
    try {
      const keys = await c.query<{ external_id: string; n: string }>(
        `SELECT v.external_id, count(k.*) AS n FROM conversation v LEFT JOIN conversation_key k ON k.conversation_id = v.id WHERE v.external_id = ANY($1) GROUP BY v.external_id`,
        [convs],
      );
      expect(keys.rows.map((r) => Number(r.n))).toEqual(convs.map(() => 1));
      const rows = await c.query<{ nonce: Buffer; position: number; conv: string; n: string }>(
        `SELECT m.nonce, m.position, v.external_id AS conv, v.message_count AS n FROM message m JOIN conversation v ON v.id = m.conversation_id WHERE v.external_id = ANY($1)`,
        [convs],
      );
      expect(rows.rows).toHaveLength(400);
      expect(new Set(rows.rows.map((r) => r.nonce.toString("hex"))).size).toBe(400);
      expect(rows.rows.every((r) => r.nonce.length === 12)).toBe(true);
      // Positions 1…10 in every conversation, and its count says so.
      for (const id of convs) {
        const mine = rows.rows.filter((r) => r.conv === id);
        expect(mine.map((r) => r.position).sort((x, y) => x - y)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        expect(Number(mine[0]!.n)).toBe(10);
      }
    } finally {
      await c.end();
    }
  });
});
