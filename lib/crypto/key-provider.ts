// Key-encryption keys (KEKs) wrap each conversation's data key. Production plugs in a
// KMS- or Vault-shaped provider; the embedded default keeps a local keyring file.
export interface KeyProvider {
  /** The KEK that wraps new data keys. */
  readonly currentKekId: string;
  wrap(dataKey: Buffer, aad: string): Promise<{ wrapped: Buffer; kekId: string }>;
  /** Throws if the KEK is unknown or the wrapped key was altered. */
  unwrap(wrapped: Buffer, kekId: string, aad: string): Promise<Buffer>;
}
