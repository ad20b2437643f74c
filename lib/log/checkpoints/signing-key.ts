import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_LOG_ORIGIN } from "@/lib/config/log-settings";
import { verifierKeyString } from "./signed-note";

// The Ed25519 key that signs checkpoints. It comes from the environment (CUSTODY_SIGNING_KEY)
// or a key file, never from the database: whoever can write the database must not also be able
// to sign a checkpoint over a rewritten log, or tamper evidence is worth nothing.

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The C2SP key name that signature lines carry. */
  keyName: string;
  /** `<name>+<key id>+<key>`: what auditors need to verify checkpoints. */
  verifierKey: string;
}

// PKCS#8 DER for an Ed25519 key is this fixed 16-byte header followed by the 32-byte seed
// (RFC 8410 §7), which is the simplest way to turn a raw seed into a KeyObject.
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

/** An Ed25519 private key from its 32-byte seed. */
export function ed25519KeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw new TypeError("an Ed25519 seed is 32 bytes");
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** A private key from PKCS#8 PEM or from base64 of a 32-byte seed; `source` names it in errors. */
export function parseSigningKey(text: string, source: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    if (trimmed.startsWith("-----BEGIN")) {
      key = createPrivateKey({ key: trimmed, format: "pem" });
    } else {
      const seed = Buffer.from(trimmed, "base64");
      if (seed.length !== 32 || seed.toString("base64") !== trimmed) throw new Error("not base64 of 32 bytes");
      key = ed25519KeyFromSeed(seed);
    }
  } catch (error) {
    throw new Error(`${source} is neither a PKCS#8 PEM private key nor base64 of a 32-byte Ed25519 seed`, { cause: error });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`${source} is a ${key.asymmetricKeyType ?? "unknown"} key; checkpoints are signed with Ed25519`);
  }
  return key;
}

/**
 * The checkpoint signing key: from `envValue` (CUSTODY_SIGNING_KEY) when set, otherwise from
 * `file`, which is created with a fresh key and mode 0600 on first use.
 */
export async function loadSigningKey(opts: { envValue?: string; file: string; keyName?: string }): Promise<SigningKey> {
  const keyName = opts.keyName ?? DEFAULT_LOG_ORIGIN;
  const privateKey = opts.envValue?.trim()
    ? parseSigningKey(opts.envValue, "CUSTODY_SIGNING_KEY")
    : parseSigningKey(await readOrCreateKeyFile(opts.file), opts.file);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyName, verifierKey: verifierKeyString(keyName, publicKey) };
}

async function readOrCreateKeyFile(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Write a complete file privately, then hard-link it into place: link() fails if the name
  // exists, so when two processes start together exactly one key wins and both then read it —
  // neither can end up signing with a key that is not the one on disk.
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ format: "pem", type: "pkcs8" });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, pem, { mode: 0o600, flag: "wx" });
  try {
    await link(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(tmp);
  }
  return readFile(file, "utf8");
}
