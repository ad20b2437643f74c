import "server-only";
import type { Tx } from "@/lib/db";
import { dataKeyAad, generateDataKey } from "./envelope";
import { getKeyProvider } from "./keys";

// Each conversation has its own data key, stored only wrapped by a key-encryption key.

export async function currentDataKey(tx: Tx, conversationId: string): Promise<{ key: Buffer; version: number }> {
  const existing = await tx.conversationKey.findFirst({
    where: { conversationId },
    orderBy: { version: "desc" },
    select: { version: true, wrappedKey: true, kekId: true },
  });
  const provider = await getKeyProvider();
  if (existing) {
    const key = await provider.unwrap(Buffer.from(existing.wrappedKey), existing.kekId, dataKeyAad(conversationId, existing.version));
    return { key, version: existing.version };
  }
  const key = generateDataKey();
  const version = 1;
  const { wrapped, kekId } = await provider.wrap(key, dataKeyAad(conversationId, version));
  await tx.conversationKey.create({ data: { conversationId, version, wrappedKey: new Uint8Array(wrapped), kekId } });
  return { key, version };
}
