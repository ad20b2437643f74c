import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedDataKeyCount, forgetDataKeys } from "@/lib/crypto/conversation-keys";
import { dataKeyAad, generateDataKey, messageAad } from "@/lib/crypto/envelope";
import { open } from "@/lib/crypto/gcm-open";
import { getKeyProvider } from "@/lib/crypto/keys";
import { disconnectDb } from "@/lib/db";
import { send, twoAccounts } from "./intake-client";

// The intake keeps unwrapped data keys for a few minutes (ADR 023) so a batch over hundreds of
// conversations does not unwrap each key again. The database stays the truth: a cached key is
// used only while the stored wrapped key is byte for byte the one it came from.

const owner = new pg.Client({ connectionString: process.env.TEST_OWNER_URL });
beforeAll(() => owner.connect());
afterAll(async () => {
  await owner.end();
  await disconnectDb();
});

async function stored(conversation: string, messageId: string) {
  const { rows } = await owner.query<{ conv_id: string; id: string; ciphertext: Buffer; nonce: Buffer; key_version: number; wrapped_key: Buffer; kek_id: string }>(
    `SELECT v.id AS conv_id, m.id, m.ciphertext, m.nonce, m.key_version, k.wrapped_key, k.kek_id FROM message m JOIN conversation v ON v.id = m.conversation_id
     JOIN conversation_key k ON k.conversation_id = v.id AND k.version = m.key_version WHERE v.external_id = $1 AND m.external_id = $2`,
    [conversation, messageId],
  );
  return rows[0]!;
}

async function decrypt(row: Awaited<ReturnType<typeof stored>>): Promise<string> {
  const key = await (await getKeyProvider()).unwrap(row.wrapped_key, row.kek_id, dataKeyAad(row.conv_id, row.key_version));
  return open(key, row, messageAad(row.conv_id, row.id, row.key_version)).toString("utf8");
}

describe("intake data-key cache", () => {
  it("caches the keys a batch used, and the next batch's messages open with the stored key", async () => {
    forgetDataKeys();
    const p = await twoAccounts();
    const conv = `kc-${p.id}`;
    const m = (n: number) => ({ id: `kc-${p.id}-${n}`, conversationId: conv, senderId: p.a, sentAt: new Date(Date.UTC(2026, 10, 1, 10, n)).toISOString(), text: `cache ${n}` });
    expect((await send("messages", { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [m(1)] })).status).toBe(200);
    expect(cachedDataKeyCount()).toBeGreaterThan(0);
    expect((await send("messages", { messages: [m(2)] })).status).toBe(200);
    expect(await decrypt(await stored(conv, m(2).id))).toBe("cache 2");
  });

  it("never uses a cached key once the stored wrapped key differs: the database's key encrypts the next batch", async () => {
    const p = await twoAccounts();
    const conv = `kc2-${p.id}`;
    const m = (n: number) => ({ id: `kc2-${p.id}-${n}`, conversationId: conv, senderId: p.a, sentAt: new Date(Date.UTC(2026, 10, 1, 11, n)).toISOString(), text: `swap ${n}` });
    expect((await send("messages", { conversations: [{ id: conv, participantIds: [p.a, p.b] }], messages: [m(1)] })).status).toBe(200);
    const first = await stored(conv, m(1).id);

    // The stored key is replaced behind the intake's back (as a re-key would): a new data key,
    // wrapped for the same conversation and version. The cache still holds the old one.
    const replacement = generateDataKey();
    const { wrapped, kekId } = await (await getKeyProvider()).wrap(replacement, dataKeyAad(first.conv_id, first.key_version));
    await owner.query(`UPDATE conversation_key SET wrapped_key = $1, kek_id = $2 WHERE conversation_id = $3 AND version = $4`, [wrapped, kekId, first.conv_id, first.key_version]);

    expect((await send("messages", { messages: [m(2)] })).status).toBe(200);
    const second = await stored(conv, m(2).id);
    const plain = open(replacement, second, messageAad(second.conv_id, second.id, second.key_version)).toString("utf8");
    expect(plain).toBe("swap 2");
  });
});
