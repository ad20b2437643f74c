import "server-only";
import type { Sql } from "@/lib/db/tagged";
import { dataKeyAad, generateDataKey } from "./envelope";
import { getKeyProvider } from "./keys";

// Each conversation has its own data key, stored only wrapped by a key-encryption key.

export type DataKey = { key: Buffer; version: number };

/**
 * The current (highest-version) data key of each conversation, unwrapped; a conversation that
 * has none gets its first. One statement reads them all and one writes the new ones, so a
 * batch over hundreds of conversations costs two round trips, not hundreds.
 */
export async function currentDataKeys(sql: Sql, conversationIds: readonly string[]): Promise<Map<string, DataKey>> {
  const out = new Map<string, DataKey>();
  if (conversationIds.length === 0) return out;
  const stored = await sql<{ conversation_id: string; version: number; wrapped_key: Uint8Array; kek_id: string }>`
    SELECT DISTINCT ON (conversation_id) conversation_id, version, wrapped_key, kek_id FROM conversation_key
    WHERE conversation_id = ANY(${[...conversationIds]}::uuid[]) ORDER BY conversation_id, version DESC`;
  const provider = await getKeyProvider();
  for (const k of stored) {
    out.set(k.conversation_id, { key: await provider.unwrap(Buffer.from(k.wrapped_key), k.kek_id, dataKeyAad(k.conversation_id, k.version)), version: k.version });
  }
  const fresh = [];
  for (const conversationId of new Set(conversationIds)) {
    if (out.has(conversationId)) continue;
    const key = generateDataKey();
    const { wrapped, kekId } = await provider.wrap(key, dataKeyAad(conversationId, 1));
    out.set(conversationId, { key, version: 1 });
    fresh.push({ conversationId, version: 1, wrappedKey: wrapped.toString("base64"), kekId });
  }
  if (fresh.length > 0) {
    await sql`
      INSERT INTO conversation_key (conversation_id, version, wrapped_key, kek_id)
      SELECT conversation_id, version, decode(wrapped_key, 'base64'), kek_id
      FROM unnest(${fresh.map((f) => f.conversationId)}::uuid[], ${fresh.map((f) => f.version)}::int[], ${fresh.map((f) => f.wrappedKey)}::text[], ${fresh.map((f) => f.kekId)}::text[]) AS t(conversation_id, version, wrapped_key, kek_id)`;
  }
  return out;
}

export async function currentDataKey(sql: Sql, conversationId: string): Promise<DataKey> {
  return (await currentDataKeys(sql, [conversationId])).get(conversationId)!;
}
