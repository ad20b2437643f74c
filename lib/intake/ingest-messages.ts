import "server-only";
import { currentDataKey } from "@/lib/crypto/conversation-keys";
import { messageAad, seal } from "@/lib/crypto/envelope";
import type { Db } from "@/lib/db";
import { BadRequestError } from "@/lib/errors";
import { uuidv7 } from "@/lib/ids";
import { messagesInput, type MessagesInput } from "./schemas";

// The only way DM text enters Custody: it is encrypted under the conversation's data key
// before it reaches the database. Idempotent per message id, because the platform retries.

export async function ingestMessages(db: Db, raw: MessagesInput): Promise<{ conversationId: string; inserted: number; skipped: number }> {
  const input = messagesInput.parse(raw);
  const wanted = [...new Set([...input.participantExternalIds, ...input.messages.map((m) => m.senderExternalId)])];
  return db.$transaction(async (tx) => {
    const accounts = await tx.platformAccount.findMany({ where: { externalId: { in: wanted } }, select: { id: true, externalId: true } });
    const byExternal = new Map(accounts.map((a) => [a.externalId, a.id]));
    const missing = wanted.filter((w) => !byExternal.has(w));
    if (missing.length) throw new BadRequestError(`Unknown platform accounts: ${missing.slice(0, 5).join(", ")}`, "UNKNOWN_ACCOUNT");
    const participants = new Set(input.participantExternalIds);
    const stranger = input.messages.find((m) => !participants.has(m.senderExternalId));
    if (stranger) throw new BadRequestError(`Sender ${stranger.senderExternalId} is not a participant`, "NOT_A_PARTICIPANT");

    await tx.conversation.upsert({ where: { externalId: input.conversationExternalId }, create: { externalId: input.conversationExternalId }, update: {}, select: { id: true } });
    // Positions are assigned under a row lock so concurrent pushes to one conversation never collide.
    const [conv] = await tx.$queryRaw<{ id: string; message_count: number }[]>`
      SELECT id, message_count FROM conversation WHERE external_id = ${input.conversationExternalId} FOR UPDATE`;
    if (!conv) throw new Error("conversation vanished inside its own transaction");
    await tx.conversationParticipant.createMany({
      data: input.participantExternalIds.map((e) => ({ conversationId: conv.id, accountId: byExternal.get(e)! })),
      skipDuplicates: true,
    });

    const seen = await tx.message.findMany({ where: { externalId: { in: input.messages.map((m) => m.externalId) } }, select: { externalId: true } });
    const seenIds = new Set(seen.map((s) => s.externalId));
    const fresh = input.messages.filter((m) => !seenIds.has(m.externalId)).sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    if (fresh.length === 0) return { conversationId: conv.id, inserted: 0, skipped: input.messages.length };

    const { key, version } = await currentDataKey(tx, conv.id);
    const rows = fresh.map((m, i) => {
      const id = uuidv7(m.sentAt.getTime());
      const sealed = seal(key, Buffer.from(m.text, "utf8"), messageAad(conv.id, id, version));
      return {
        id,
        externalId: m.externalId,
        conversationId: conv.id,
        position: conv.message_count + i + 1,
        senderId: byExternal.get(m.senderExternalId)!,
        sentAt: m.sentAt,
        hasMedia: m.hasMedia,
        ciphertext: new Uint8Array(sealed.ciphertext),
        nonce: new Uint8Array(sealed.nonce),
        keyVersion: version,
      };
    });
    await tx.message.createMany({ data: rows });
    await tx.conversation.update({ where: { id: conv.id }, data: { messageCount: conv.message_count + rows.length } });
    return { conversationId: conv.id, inserted: rows.length, skipped: input.messages.length - rows.length };
  });
}
