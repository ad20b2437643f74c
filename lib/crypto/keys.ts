import "server-only";
import { randomBytes } from "node:crypto";
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

/**
 * Readiness: the key provider works now and would load again after a restart. A throwaway key
 * is wrapped by the provider in use (created on first use, as the app's first write would) and
 * unwrapped by the keyring read afresh — never created — so a key file lost, corrupted or
 * missing the KEK in use is reported before the restart that would need it.
 */
export async function probeKeyProvider(): Promise<void> {
  const inUse = await getKeyProvider();
  const onDisk = await loadLocalKeyProvider({ envKey: env().CUSTODY_KEK, file: keyProviderFile(), create: false });
  const probe = randomBytes(32);
  const { wrapped, kekId } = await inUse.wrap(probe, PROBE_AAD);
  if (!(await onDisk.unwrap(wrapped, kekId, PROBE_AAD)).equals(probe)) throw new Error("the keyring returned a different key");
}

const PROBE_AAD = "custody:readiness-probe";

export function resetKeyProviderForTests() {
  provider = undefined;
}
