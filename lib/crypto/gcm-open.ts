import { createDecipheriv } from "node:crypto";
import { TAG_BYTES } from "./envelope";

// AES-256-GCM decryption, the primitive under both the data keys (unwrapped by the local key
// provider) and the messages. Outside lib/crypto only the one path to plaintext may reach it,
// through decrypt.ts; a dependency rule in .dependency-cruiser.cjs enforces that.

/**
 * Throws if the key, nonce, associated data or ciphertext do not match. Takes any byte view
 * (pg hands bytea back as Buffers): nothing is copied on the way in.
 */
export function open(key: Buffer, sealed: { ciphertext: Uint8Array; nonce: Uint8Array }, aad: string): Buffer {
  if (sealed.ciphertext.length < TAG_BYTES) throw new Error("ciphertext too short");
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, sealed.nonce);
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(body);
  decipher.final(); // throws unless the tag verifies; GCM buffers nothing, so it adds no bytes
  return plaintext;
}
