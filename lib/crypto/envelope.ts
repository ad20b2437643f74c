import { createCipheriv, randomBytes } from "node:crypto";

// AES-256-GCM with a 96-bit random nonce and the 128-bit tag appended to the ciphertext.
// The associated data binds a ciphertext to the row it belongs to, so a ciphertext copied
// into another message or conversation fails authentication instead of decrypting.

export const DATA_KEY_BYTES = 32;
/** Fixed for every message (a CHECK constraint on message.nonce holds the database to it). */
export const NONCE_BYTES = 12;
/** GCM's authentication tag, appended to every ciphertext. */
export const TAG_BYTES = 16;

export type Sealed = { ciphertext: Buffer; nonce: Buffer };

export function generateDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

/**
 * `nonce` defaults to 96 fresh random bits. A caller sealing many messages at once may pass
 * slices of one larger randomBytes draw (cheaper than a draw each): every slice is as random,
 * and must be used once.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: string, nonce: Buffer = randomBytes(NONCE_BYTES)): Sealed {
  if (key.length !== DATA_KEY_BYTES) throw new Error("AES-256-GCM needs a 32-byte key");
  if (nonce.length !== NONCE_BYTES) throw new Error("AES-256-GCM needs a 12-byte nonce");
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext: Buffer.concat([body, cipher.getAuthTag()]), nonce };
}

export function messageAad(conversationId: string, messageId: string, keyVersion: number): string {
  return `custody/message/v1|${conversationId}|${messageId}|${keyVersion}`;
}

/** An image attached to a message: bound to its own id (an upload has no message yet), conversation and key version. */
export function attachmentAad(conversationId: string, attachmentId: string, keyVersion: number): string {
  return `custody/attachment/v1|${conversationId}|${attachmentId}|${keyVersion}`;
}

export function dataKeyAad(conversationId: string, version: number): string {
  return `custody/data-key/v1|${conversationId}|${version}`;
}

/** A legal request's uploaded document: bound to its request and its own id. */
export function legalDocumentAad(requestId: string, documentId: string): string {
  return `custody/legal-document/v1|${requestId}|${documentId}`;
}

/** The document's own data key, wrapped by the key provider's KEK. */
export function legalDocumentKeyAad(documentId: string): string {
  return `custody/legal-document-key/v1|${documentId}`;
}
