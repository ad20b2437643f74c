import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import type { KeyProvider } from "./key-provider";
import { loadLocalKeyProvider } from "./local-key-provider";

let provider: Promise<KeyProvider> | undefined;

export function keyProviderFile() {
  return env().CUSTODY_KEK_FILE ?? path.join(env().dataDir, "keys", "kek-keyring.json");
}

function load(): Promise<KeyProvider> {
  return loadLocalKeyProvider({ envKey: env().CUSTODY_KEK, file: keyProviderFile() });
}

/**
 * The configured key provider (the local keyring is the only one shipped today). When a data
 * key names a KEK this process has not seen — `npm run keys:rotate` ran while the server was
 * up — the keyring is read again once before the unwrap is refused.
 */
export function getKeyProvider(): Promise<KeyProvider> {
  provider ??= load().then(
    (first): KeyProvider => {
      let current = first;
      return {
        get currentKekId() {
          return current.currentKekId;
        },
        wrap: (dataKey, aad) => current.wrap(dataKey, aad),
        unwrap: async (wrapped, kekId, aad) => {
          try {
            return await current.unwrap(wrapped, kekId, aad);
          } catch (err) {
            if (!/unknown key-encryption key/.test((err as Error).message)) throw err;
            current = await load();
            return current.unwrap(wrapped, kekId, aad);
          }
        },
      };
    },
    (err) => {
      provider = undefined;
      throw err;
    },
  );
  return provider;
}

export function resetKeyProviderForTests() {
  provider = undefined;
}
