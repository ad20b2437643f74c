import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { open } from "./gcm-open";
import { seal } from "./envelope";
import type { KeyProvider } from "./key-provider";

// A keyring of 256-bit KEKs in a file created with mode 0600, or one KEK from the
// environment (base64). The wrapped form is nonce ‖ AES-256-GCM(ciphertext ‖ tag).

const keyringSchema = z.object({
  current: z.string(),
  keys: z.record(z.string(), z.string()),
});
export type Keyring = z.infer<typeof keyringSchema>;

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new Error(`${what} must be 32 bytes, base64-encoded`);
  return key;
}

export class LocalKeyProvider implements KeyProvider {
  private readonly keys: Map<string, Buffer>;
  constructor(readonly keyring: Keyring) {
    this.keys = new Map(Object.entries(keyring.keys).map(([id, b64]) => [id, decodeKey(b64, `KEK ${id}`)]));
    if (!this.keys.has(keyring.current)) throw new Error(`keyring names ${keyring.current} as current but lacks it`);
  }

  get currentKekId() {
    return this.keyring.current;
  }

  async wrap(dataKey: Buffer, aad: string) {
    const kek = this.keys.get(this.currentKekId)!;
    const { ciphertext, nonce } = seal(kek, dataKey, aad);
    return { wrapped: Buffer.concat([nonce, ciphertext]), kekId: this.currentKekId };
  }

  async unwrap(wrapped: Buffer, kekId: string, aad: string) {
    const kek = this.keys.get(kekId);
    if (!kek) throw new Error(`unknown key-encryption key ${kekId}`);
    return open(kek, { nonce: wrapped.subarray(0, 12), ciphertext: wrapped.subarray(12) }, aad);
  }

  /** A keyring with a fresh KEK made current; older KEKs stay to unwrap until re-wrapped. */
  withNewKey(): Keyring {
    const id = `kek-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString("hex")}`;
    return { current: id, keys: { ...this.keyring.keys, [id]: randomBytes(32).toString("base64") } };
  }
}

export function kekIdForEnvKey(key: Buffer) {
  return `env-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`;
}

/**
 * From CUSTODY_KEK (one base64 key) if set, otherwise the keyring file, created on first use
 * unless `create` is false (a check must never mint a key in place of a lost one).
 */
export async function loadLocalKeyProvider(opts: { envKey?: string; file: string; create?: boolean }): Promise<LocalKeyProvider> {
  if (opts.envKey) {
    const key = decodeKey(opts.envKey, "CUSTODY_KEK");
    const id = kekIdForEnvKey(key);
    return new LocalKeyProvider({ current: id, keys: { [id]: opts.envKey } });
  }
  if (!existsSync(opts.file)) {
    if (opts.create === false) throw new Error("the keyring file does not exist");
    await mkdir(path.dirname(opts.file), { recursive: true });
    const id = `kek-${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString("hex")}`;
    await writeKeyring(opts.file, { current: id, keys: { [id]: randomBytes(32).toString("base64") } });
  }
  const raw = JSON.parse(await readFile(opts.file, "utf8"));
  return new LocalKeyProvider(keyringSchema.parse(raw));
}

export async function writeKeyring(file: string, keyring: Keyring) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(keyring, null, 2), { mode: 0o600 });
  await chmod(tmp, 0o600);
  await rename(tmp, file);
}
