import "server-only";
import { dataKeyAad, legalDocumentKeyAad } from "./envelope";
import { getKeyProvider } from "./keys";

export { open } from "./gcm-open";

// The decrypt side of envelope encryption: unwrapping a conversation's data key and opening a
// ciphertext. Outside lib/crypto only the one path to plaintext may import this module
// (lib/access/read-case-messages.ts, after the access event has committed); a dependency rule
// in .dependency-cruiser.cjs fails `npm test` if anything else does.

export async function unwrapDataKey(row: { conversationId: string; version: number; wrappedKey: Uint8Array; kekId: string }): Promise<Buffer> {
  const provider = await getKeyProvider();
  return provider.unwrap(Buffer.from(row.wrappedKey), row.kekId, dataKeyAad(row.conversationId, row.version));
}

/** A legal document's data key (lib/crypto/seal-document.ts). */
export async function unwrapDocumentKey(row: { id: string; wrappedKey: Uint8Array; kekId: string }): Promise<Buffer> {
  const provider = await getKeyProvider();
  return provider.unwrap(Buffer.from(row.wrappedKey), row.kekId, legalDocumentKeyAad(row.id));
}
