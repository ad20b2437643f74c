import "server-only";
import { recordEvent } from "@/lib/log/events/record-event";
import type { Db } from "@/lib/db";
import { dataKeyAad } from "@/lib/crypto/envelope";
import { loadLocalKeyProvider, writeKeyring } from "@/lib/crypto/local-key-provider";

// Key rotation: a new key-encryption key becomes current and every conversation's data key is
// re-wrapped under it. Message ciphertexts do not change (their data keys do not), so rotation
// is cheap and can run while Custody serves. The new keyring is written before any row changes
// and keeps the old KEKs, so a rotation stopped halfway leaves every data key unwrappable; run
// it again to finish.

export type RotationResult = { from: string; to: string; rewrapped: number };

export async function rotateKeyEncryptionKey(db: Db, opts: { file: string; actor: string; batch?: number }): Promise<RotationResult> {
  const before = await loadLocalKeyProvider({ file: opts.file });
  const ring = before.withNewKey();
  await writeKeyring(opts.file, ring);
  const after = await loadLocalKeyProvider({ file: opts.file });
  const batch = opts.batch ?? 500;
  let rewrapped = 0;
  for (;;) {
    const rows = await db.conversationKey.findMany({
      // A shredded conversation has no keys left; the filter also keeps a shred racing this
      // rotation from being undone by a re-wrap of a key read just before it was deleted.
      where: { kekId: { not: after.currentKekId }, conversation: { shreddedAt: null } },
      take: batch,
      select: { conversationId: true, version: true, wrappedKey: true, kekId: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      const aad = dataKeyAad(row.conversationId, row.version);
      const dataKey = await after.unwrap(Buffer.from(row.wrappedKey), row.kekId, aad);
      const { wrapped, kekId } = await after.wrap(dataKey, aad);
      // Only if nobody rotated this row meanwhile.
      const done = await db.conversationKey.updateMany({
        where: { conversationId: row.conversationId, version: row.version, kekId: row.kekId },
        data: { wrappedKey: new Uint8Array(wrapped), kekId },
      });
      rewrapped += done.count;
    }
  }
  const result = { from: before.currentKekId, to: after.currentKekId, rewrapped };
  await recordEvent(db, { actor: null, action: "KEY_ROTATED", outcome: "ALLOWED", details: { ...result, by: opts.actor } });
  return result;
}
