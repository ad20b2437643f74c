import "server-only";
import { attachmentAad, seal } from "@/lib/crypto/envelope";
import type { Sql } from "@/lib/db/tagged";
import { uuidv7 } from "@/lib/ids";
import { decodeImage, type ImageType } from "./images";
import { refuse } from "./intake-errors";
import type { MessageItem } from "./schemas";

// Images travel with their message (inline base64) or ahead of it (an upload, referenced by
// its uploadId). Either way they are stored as AES-256-GCM ciphertext under the conversation's
// data key, bound to the attachment's own id, conversation and key version, so the one access
// path can later reveal them like text. Inline images are decoded and checked (magic bytes,
// size) before the transaction starts; an upload is checked when it arrives.

export type DecodedImage = { contentType: ImageType; bytes: Buffer };
export type PendingAttachments = { inline: Map<number, { index: number; image: DecodedImage }[]>; uploads: Map<number, { index: number; uploadId: string }[]> };

/** Decodes every inline image of a batch (outside any transaction: pure CPU), naming the first bad one. */
export function decodeInlineImages(messages: readonly MessageItem[]): PendingAttachments {
  const inline: PendingAttachments["inline"] = new Map();
  const uploads: PendingAttachments["uploads"] = new Map();
  const seenUploads = new Set<string>();
  messages.forEach((m, i) => {
    m.attachments.forEach((a, j) => {
      if ("uploadId" in a) {
        if (seenUploads.has(a.uploadId)) throw refuse("DUPLICATE_UPLOAD", ["messages", i, "attachments", j, "uploadId"], "this upload is already attached to a message of this batch");
        seenUploads.add(a.uploadId);
        uploads.set(i, [...(uploads.get(i) ?? []), { index: j, uploadId: a.uploadId }]);
      } else {
        const field = `messages[${i}].attachments[${j}].data`;
        const bytes = decodeImage(a.data, a.contentType, { item: i, field });
        inline.set(i, [...(inline.get(i) ?? []), { index: j, image: { contentType: a.contentType, bytes } }]);
      }
    });
  });
  return { inline, uploads };
}

export type AttachmentRow = { id: string; conversationId: string; messageId: string | null; contentType: ImageType; byteSize: number; ciphertext: Uint8Array<ArrayBuffer>; nonce: Uint8Array<ArrayBuffer>; keyVersion: number };

/** Encrypts one image for a conversation. The plaintext bytes are not kept. */
export function sealAttachment(key: Buffer, keyVersion: number, conversationId: string, messageId: string | null, image: DecodedImage): AttachmentRow {
  const id = uuidv7();
  const sealed = seal(key, image.bytes, attachmentAad(conversationId, id, keyVersion));
  return { id, conversationId, messageId, contentType: image.contentType, byteSize: image.bytes.length, ciphertext: new Uint8Array(sealed.ciphertext), nonce: new Uint8Array(sealed.nonce), keyVersion };
}

/**
 * Checks that each referenced upload belongs to the message's conversation and is attached to
 * no other message, and returns the (upload id → message id) links to write.
 */
export async function resolveUploads(
  sql: Sql,
  refs: readonly { item: number; index: number; uploadId: string; conversationId: string; messageId: string }[],
): Promise<{ uploadId: string; messageId: string }[]> {
  if (refs.length === 0) return [];
  const rows = await sql<{ id: string; conversation_id: string; message_id: string | null }>`
    SELECT id, conversation_id, message_id FROM message_attachment WHERE id = ANY(${refs.map((r) => r.uploadId)}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, { conversationId: r.conversation_id, messageId: r.message_id }]));
  for (const r of refs) {
    const row = byId.get(r.uploadId);
    const path = ["messages", r.item, "attachments", r.index, "uploadId"];
    if (!row || row.conversationId !== r.conversationId) throw refuse("UNKNOWN_UPLOAD", path, "no upload with this id for this conversation");
    if (row.messageId !== null) throw refuse("UPLOAD_IN_USE", path, "this upload is already attached to another message");
  }
  return refs.map((r) => ({ uploadId: r.uploadId, messageId: r.messageId }));
}
