import "server-only";
import path from "node:path";
import { env } from "@/lib/env";
import type { KeyProvider } from "./key-provider";
import { loadLocalKeyProvider } from "./local-key-provider";

let provider: Promise<KeyProvider> | undefined;

export function keyProviderFile() {
  return env().CUSTODY_KEK_FILE ?? path.join(env().dataDir, "keys", "kek-keyring.json");
}

/** The configured key provider (the local keyring is the only one shipped today). */
export function getKeyProvider(): Promise<KeyProvider> {
  provider ??= loadLocalKeyProvider({ envKey: env().CUSTODY_KEK, file: keyProviderFile() });
  return provider;
}

export function resetKeyProviderForTests() {
  provider = undefined;
}
