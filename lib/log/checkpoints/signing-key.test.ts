import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatCheckpoint, openCheckpoint, parseVerifierKey, signNote } from "./signed-note";
import { DEFAULT_LOG_ORIGIN as DEFAULT_KEY_NAME } from "@/lib/config/log-settings";
import { ed25519KeyFromSeed, loadSigningKey } from "./signing-key";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "custody-signing-key-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const body = formatCheckpoint({ origin: "custody.test/log", size: 1, rootHash: Buffer.alloc(32, 7) });

describe("loadSigningKey", () => {
  it("creates a private key file with mode 0600 on first use and reuses it afterwards", async () => {
    const file = path.join(dir, "keys", "log-signing-key.pem");
    const first = await loadSigningKey({ file });
    expect((await readFile(file, "utf8")).startsWith("-----BEGIN PRIVATE KEY-----")).toBe(true);
    if (process.platform !== "win32") expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadSigningKey({ file });
    expect(second.verifierKey).toBe(first.verifierKey);
    expect(first.keyName).toBe(DEFAULT_KEY_NAME);
    expect(parseVerifierKey(first.verifierKey).name).toBe(DEFAULT_KEY_NAME);
    const signer = { name: first.keyName, privateKey: first.privateKey };
    expect(openCheckpoint(signNote(body, signer), second.verifierKey).size).toBe(1);
  });

  it("gives every process started at once the same key", async () => {
    const file = path.join(dir, "race.pem");
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadSigningKey({ file })));
    expect(new Set(keys.map((k) => k.verifierKey)).size).toBe(1);
  });

  it("prefers the environment, as PKCS#8 PEM or base64 of a seed, and then leaves the file alone", async () => {
    const file = path.join(dir, "unused.pem");
    const seed = randomBytes(32);
    const fromSeed = await loadSigningKey({ envValue: seed.toString("base64"), file, keyName: "custody.test/log" });
    const pem = ed25519KeyFromSeed(seed).export({ format: "pem", type: "pkcs8" }).toString();
    const fromPem = await loadSigningKey({ envValue: `${pem}\n`, file, keyName: "custody.test/log" });
    expect(fromPem.verifierKey).toBe(fromSeed.verifierKey);
    expect(fromSeed.verifierKey.startsWith("custody.test/log+")).toBe(true);
    await expect(stat(file)).rejects.toThrow(/ENOENT/);
    // An empty variable counts as unset, as shells and .env files often leave it.
    expect((await loadSigningKey({ envValue: "  ", file })).verifierKey).toBeTruthy();
    await expect(stat(file)).resolves.toBeTruthy();
  });

  it("refuses keys that are not Ed25519 or not keys, naming where they came from", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    await expect(loadSigningKey({ envValue: rsa, file: path.join(dir, "x") })).rejects.toThrow(/CUSTODY_SIGNING_KEY is a rsa key/);
    await expect(loadSigningKey({ envValue: randomBytes(31).toString("base64"), file: "x" })).rejects.toThrow(/CUSTODY_SIGNING_KEY is neither/);
    await expect(loadSigningKey({ envValue: "not a key", file: "x" })).rejects.toThrow(/CUSTODY_SIGNING_KEY/);
    const garbage = path.join(dir, "garbage.pem");
    await writeFile(garbage, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    await expect(loadSigningKey({ file: garbage })).rejects.toThrow(garbage);
  });
});
