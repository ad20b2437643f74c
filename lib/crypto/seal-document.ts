import "server-only";
import { createHash } from "node:crypto";
import { uuidv7 } from "@/lib/ids";
import { generateDataKey, legalDocumentAad, legalDocumentKeyAad, seal } from "./envelope";
import { getKeyProvider } from "./keys";

// The seal side for a legal request's uploaded document: a fresh data key per document
// (AES-256-GCM), stored only wrapped by the key provider's KEK, like a conversation's. The
// plaintext bytes are dropped here; only LEGAL reads them back, through
// lib/access/read-legal-document.ts (ADR 020).

export type SealedDocument = { id: string; sha256: string; size: number; ciphertext: Buffer; nonce: Buffer; wrappedKey: Buffer; kekId: string };

export async function sealLegalDocument(requestId: string, bytes: Buffer): Promise<SealedDocument> {
  const id = uuidv7();
  const key = generateDataKey();
  const { ciphertext, nonce } = seal(key, bytes, legalDocumentAad(requestId, id));
  const { wrapped, kekId } = await (await getKeyProvider()).wrap(key, legalDocumentKeyAad(id));
  key.fill(0);
  return { id, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.length, ciphertext, nonce, wrappedKey: wrapped, kekId };
}
