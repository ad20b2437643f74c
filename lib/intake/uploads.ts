import "server-only";
import { currentDataKey } from "@/lib/crypto/conversation-keys";
import { prismaSql } from "@/lib/db/tagged";
import type { Tx } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { sealAttachment, type DecodedImage } from "./attachments";
import { decodeImage } from "./images";
import { refuse } from "./intake-errors";
import type { UploadBody } from "./schemas";

// An image sent ahead of its message (too large to travel inline in a 2 MiB batch). It is
// encrypted at once under the conversation's data key and waits, unattached, until a message
// of that conversation names its uploadId. The conversation must be stored already: declare it
// with a messages batch first (a batch may declare conversations without messages).

/** Decodes and checks the image (outside the transaction). */
export function decodeUpload(body: UploadBody): DecodedImage {
  return { contentType: body.contentType, bytes: decodeImage(body.data, body.contentType, { field: "data" }) };
}

export async function storeUpload(tx: Tx, conversationExternalId: string, image: DecodedImage): Promise<{ uploadId: string }> {
  const conv = await tx.conversation.findUnique({ where: { externalId: conversationExternalId }, select: { id: true, shreddedAt: true } });
  if (!conv) throw refuse("UNKNOWN_CONVERSATION", ["conversationId"], "no conversation with this id; declare it with POST /api/v1/intake/messages first");
  if (conv.shreddedAt) throw new ConflictError("CONVERSATION_SHREDDED", "conversationId: this conversation's data was destroyed by retention", { field: "conversationId" });
  const { key, version } = await currentDataKey(prismaSql(tx), conv.id);
  const row = sealAttachment(key, version, conv.id, null, image);
  await tx.messageAttachment.create({ data: row, select: { id: true } });
  return { uploadId: row.id };
}
