import { afterAll, describe, expect, it } from "vitest";
import { unwrapDataKey, open } from "@/lib/crypto/decrypt";
import { attachmentAad } from "@/lib/crypto/envelope";
import { disconnectDb, getDb } from "@/lib/db";
import { MAX_IMAGE_BYTES } from "@/lib/intake/limits";
import { JPEG, PNG, rowCounts, send, twoAccounts } from "./intake-client";

// Images sent with DMs, inline or uploaded ahead: stored only as ciphertext under the
// conversation's data key, bound to attachment id, conversation and key version, so the one
// access path can reveal them later. These tests open them with the key (test-only decrypt)
// (no-plaintext-at-rest.test.ts looks for their bytes anywhere in the database).

afterAll(() => disconnectDb());

async function conversation() {
  const p = await twoAccounts();
  const conv = `ac-${p.id}`;
  expect((await send("messages", { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [] })).status).toBe(200);
  return { ...p, conv, conversationId: (await getDb().conversation.findUniqueOrThrow({ where: { externalId: conv } })).id };
}

const message = (c: { conv: string; a: string; id: string }, n: number, attachments: unknown[]) => ({ id: `am-${c.id}-${n}`, conversationId: c.conv, senderId: c.a, sentAt: "2026-11-01T10:00:00Z", text: `photo ${n}`, attachments });

async function openAttachment(id: string) {
  const row = await getDb().messageAttachment.findUniqueOrThrow({ where: { id } });
  const key = await getDb().conversationKey.findUniqueOrThrow({ where: { conversationId_version: { conversationId: row.conversationId, version: row.keyVersion } } });
  const dataKey = await unwrapDataKey({ conversationId: row.conversationId, version: row.keyVersion, wrappedKey: key.wrappedKey, kekId: key.kekId });
  return { row, plain: open(dataKey, row, attachmentAad(row.conversationId, row.id, row.keyVersion)), dataKey };
}

describe("intake images", () => {
  it("an upload is sealed under the conversation's key at once, then attached by the message that names it", async () => {
    const c = await conversation();
    const up = await send("uploads", { conversationId: c.conv, contentType: "image/jpeg", data: JPEG.toString("base64") });
    expect(up.status).toBe(201);
    const uploadId = up.body.uploadId as string;
    const pending = await openAttachment(uploadId);
    expect(pending.row).toMatchObject({ conversationId: c.conversationId, messageId: null, contentType: "image/jpeg", byteSize: JPEG.length });
    expect(pending.plain.equals(JPEG)).toBe(true);

    const m = message(c, 1, [{ uploadId }, { contentType: "image/png", data: PNG.toString("base64") }]);
    expect((await send("messages", { messages: [m] })).body).toMatchObject({ accepted: 1 });
    const stored = await getDb().message.findUniqueOrThrow({ where: { externalId: m.id }, select: { id: true, hasMedia: true, attachments: { select: { id: true }, orderBy: { contentType: "asc" } } } });
    expect(stored.hasMedia).toBe(true);
    expect(stored.attachments).toHaveLength(2);
    const [jpeg, png] = await Promise.all(stored.attachments.map((a) => openAttachment(a.id)));
    expect(jpeg!.plain.equals(JPEG)).toBe(true);
    expect(png!.plain.equals(PNG)).toBe(true);
    expect(png!.row.messageId).toBe(stored.id);
    // Bound to its row: the same ciphertext under another attachment id does not open.
    expect(() => open(png!.dataKey, png!.row, attachmentAad(c.conversationId, jpeg!.row.id, png!.row.keyVersion))).toThrow();
  });

  it("an upload is refused for an unknown conversation, a wrong type, or over 5 MiB; it cannot be attached elsewhere or twice", async () => {
    const c = await conversation();
    const other = await conversation();
    const before = await rowCounts();
    const unknown = await send("uploads", { conversationId: `nope-${c.id}`, contentType: "image/png", data: PNG.toString("base64") });
    expect({ status: unknown.status, error: unknown.body.error }).toMatchObject({ status: 400, error: { code: "UNKNOWN_CONVERSATION", field: "conversationId" } });
    const wrong = await send("uploads", { conversationId: c.conv, contentType: "image/gif", data: PNG.toString("base64") });
    expect({ status: wrong.status, error: wrong.body.error }).toMatchObject({ status: 400, error: { code: "IMAGE_TYPE_MISMATCH", field: "data" } });
    const huge = Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]);
    const big = await send("uploads", { conversationId: c.conv, contentType: "image/png", data: huge.toString("base64") });
    expect({ status: big.status, field: big.body.error?.field, message: big.body.error?.message }).toEqual({ status: 400, field: "data", message: "data: the image is larger than 5 MiB" });
    expect(await rowCounts()).toEqual(before);

    const uploadId = (await send("uploads", { conversationId: c.conv, contentType: "image/png", data: PNG.toString("base64") })).body.uploadId;
    const elsewhere = await send("messages", { messages: [message(other, 1, [{ uploadId }])] });
    expect({ status: elsewhere.status, error: elsewhere.body.error }).toMatchObject({ status: 400, error: { code: "UNKNOWN_UPLOAD", item: 0, field: "messages[0].attachments[0].uploadId" } });
    expect((await send("messages", { messages: [message(c, 1, [{ uploadId }])] })).status).toBe(200);
    const twice = await send("messages", { messages: [message(c, 2, [{ uploadId }])] });
    expect({ status: twice.status, code: twice.body.error?.code }).toEqual({ status: 400, code: "UPLOAD_IN_USE" });
  });

  it("nothing new is written to a conversation whose data retention destroyed", async () => {
    const c = await conversation();
    await getDb().conversation.update({ where: { id: c.conversationId }, data: { shreddedAt: new Date() } });
    const before = await rowCounts();
    const up = await send("uploads", { conversationId: c.conv, contentType: "image/png", data: PNG.toString("base64") });
    expect({ status: up.status, code: up.body.error?.code }).toEqual({ status: 409, code: "CONVERSATION_SHREDDED" });
    const res = await send("messages", { messages: [message(c, 1, [])] });
    expect({ status: res.status, error: res.body.error }).toMatchObject({ status: 409, error: { code: "CONVERSATION_SHREDDED", item: 0, field: "messages[0].conversationId" } });
    expect(await rowCounts()).toEqual(before);
  });
});
