import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { open } from "@/lib/crypto/decrypt";
import { dataKeyAad, messageAad } from "@/lib/crypto/envelope";
import { kekIdForEnvKey, LocalKeyProvider, loadLocalKeyProvider, writeKeyring } from "@/lib/crypto/local-key-provider";
import { rotateKeyEncryptionKey } from "@/lib/jobs/rotate-keys";
import { disconnectDb, getDb } from "@/lib/db";
import { lastSeq, eventsSince, makeReportedConversation } from "./world";

// Rotation re-wraps every conversation's data key under a new KEK without touching message
// ciphertexts; afterwards only a keyring holding the new KEK can open the data keys.

const envKey = process.env.CUSTODY_KEK!;
const envId = kekIdForEnvKey(Buffer.from(envKey, "base64"));
const envProvider = new LocalKeyProvider({ current: envId, keys: { [envId]: envKey } });
const file = path.join(mkdtempSync(path.join(tmpdir(), "custody-keys-")), "kek-keyring.json");

afterAll(async () => {
  // Put every data key back under the test run's own KEK for the files that run after this one.
  const db = getDb();
  const ring = await loadLocalKeyProvider({ file });
  for (const row of await db.conversationKey.findMany()) {
    const aad = dataKeyAad(row.conversationId, row.version);
    const key = await ring.unwrap(Buffer.from(row.wrappedKey), row.kekId, aad);
    const { wrapped, kekId } = await envProvider.wrap(key, aad);
    await db.conversationKey.update({ where: { conversationId_version: { conversationId: row.conversationId, version: row.version } }, data: { wrappedKey: new Uint8Array(wrapped), kekId } });
  }
  await disconnectDb();
});

describe("npm run keys:rotate", () => {
  it("re-wraps every data key under a new KEK, leaves ciphertexts alone, and logs it", async () => {
    const db = getDb();
    const world = await makeReportedConversation({ messages: 5, reportedPosition: 3 });
    await writeKeyring(file, { current: envId, keys: { [envId]: envKey } });
    const first = await db.message.findFirstOrThrow({ where: { conversationId: world.conversationId, position: 1 } });
    const before = await lastSeq();

    const result = await rotateKeyEncryptionKey(db, { file, actor: "test" });

    expect(result.from).toBe(envId);
    expect(result.to).not.toBe(envId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const keys = await db.conversationKey.findMany({ select: { kekId: true, conversationId: true, version: true, wrappedKey: true } });
    expect(result.rewrapped).toBe(keys.length);
    expect(new Set(keys.map((k) => k.kekId))).toEqual(new Set([result.to]));

    // The message is untouched and still opens through the rotated data key.
    const after = await db.message.findFirstOrThrow({ where: { id: first.id } });
    expect(Buffer.from(after.ciphertext).equals(Buffer.from(first.ciphertext))).toBe(true);
    const mine = keys.find((k) => k.conversationId === world.conversationId)!;
    const ring = await loadLocalKeyProvider({ file });
    const dataKey = await ring.unwrap(Buffer.from(mine.wrappedKey), mine.kekId, dataKeyAad(mine.conversationId, mine.version));
    const text = open(dataKey, { ciphertext: Buffer.from(after.ciphertext), nonce: Buffer.from(after.nonce) }, messageAad(world.conversationId, after.id, after.keyVersion)).toString();
    expect(text).toBe(world.texts[0]);

    // The old KEK alone no longer opens anything.
    await expect(envProvider.unwrap(Buffer.from(mine.wrappedKey), mine.kekId, dataKeyAad(mine.conversationId, mine.version))).rejects.toThrow(/unknown/);

    const events = (await eventsSince(before)).filter((e) => e.action === "KEY_ROTATED");
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ from: envId, to: result.to, rewrapped: keys.length, by: "test" });
  });
});
