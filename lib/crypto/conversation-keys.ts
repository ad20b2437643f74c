import "server-only";
import type { Sql } from "@/lib/db/tagged";
import { dataKeyAad, generateDataKey } from "./envelope";
import { getKeyProvider } from "./keys";

// Each conversation has its own data key, stored only wrapped by a key-encryption key.
//
// Unwrapped keys the intake used are kept for a few minutes (ADR 023): a batch spread over
// hundreds of conversations would otherwise unwrap hundreds of keys, most of them unwrapped by
// the batch before. An entry is used only for the exact wrapped bytes the database holds now,
// which every batch still reads: a re-wrapped key (KEK rotation), a replaced one or a shredded
// one (its row gone) never hits, and the miss drops the entry. The local key provider keeps the
// KEKs in this same process's memory, so the cache exposes nothing a memory dump would not.

const CACHE_MAX = 20_000;
const CACHE_TTL_MS = 5 * 60_000;
type Cached = { wrapped: Buffer; kekId: string; version: number; key: Buffer; at: number };
const cache = new Map<string, Cached>();

function cached(conversationId: string, version: number, wrapped: Buffer, kekId: string, now: number): Buffer | undefined {
  const hit = cache.get(conversationId);
  if (!hit) return undefined;
  if (hit.version === version && hit.kekId === kekId && now - hit.at < CACHE_TTL_MS && hit.wrapped.equals(wrapped)) return hit.key;
  cache.delete(conversationId);
  return undefined;
}

function remember(conversationId: string, entry: Cached) {
  cache.delete(conversationId);
  cache.set(conversationId, entry);
  // Oldest first: a Map iterates in insertion order.
  while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
}

/** Drops every cached key (tests). */
export function forgetDataKeys(): void {
  cache.clear();
}

/** How many unwrapped keys are cached (tests). */
export function cachedDataKeyCount(): number {
  return cache.size;
}

export type DataKey = { key: Buffer; version: number };

/**
 * The current (highest-version) data key of each conversation, unwrapped; a conversation that
 * has none gets its first. One statement reads them all and one writes the new ones, so a
 * batch over hundreds of conversations costs two round trips, not hundreds.
 */
/** A conversation's newest stored key row, as read from conversation_key. */
export type StoredKey = { conversation_id: string; version: number; wrapped_key: Uint8Array; kek_id: string };

/** `stored`: the newest key rows of these conversations if the caller already read them (in this transaction, after locking the conversations). */
export async function currentDataKeys(sql: Sql, conversationIds: readonly string[], stored?: readonly StoredKey[]): Promise<Map<string, DataKey>> {
  const out = new Map<string, DataKey>();
  if (conversationIds.length === 0) return out;
  stored ??= await sql<StoredKey>`
    SELECT DISTINCT ON (conversation_id) conversation_id, version, wrapped_key, kek_id FROM conversation_key
    WHERE conversation_id = ANY(${[...conversationIds]}::uuid[]) ORDER BY conversation_id, version DESC`;
  const provider = await getKeyProvider();
  const now = Date.now();
  const have = new Set<string>();
  for (const k of stored) {
    have.add(k.conversation_id);
    const wrapped = Buffer.from(k.wrapped_key);
    let key = cached(k.conversation_id, k.version, wrapped, k.kek_id, now);
    if (!key) {
      key = await provider.unwrap(wrapped, k.kek_id, dataKeyAad(k.conversation_id, k.version));
      remember(k.conversation_id, { wrapped, kekId: k.kek_id, version: k.version, key, at: now });
    }
    out.set(k.conversation_id, { key, version: k.version });
  }
  // A conversation whose key rows are gone (shredded) keeps no cached key.
  for (const id of conversationIds) if (!have.has(id)) cache.delete(id);
  const fresh = [];
  for (const conversationId of new Set(conversationIds)) {
    if (out.has(conversationId)) continue;
    const key = generateDataKey();
    const { wrapped, kekId } = await provider.wrap(key, dataKeyAad(conversationId, 1));
    out.set(conversationId, { key, version: 1 });
    remember(conversationId, { wrapped, kekId, version: 1, key, at: now });
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
