import { describe, expect, it } from "vitest";
import { open } from "./decrypt";
import { generateDataKey, messageAad, seal } from "./envelope";
import { LocalKeyProvider } from "./local-key-provider";
import { randomBytes } from "node:crypto";

describe("envelope encryption", () => {
  const key = generateDataKey();
  const aad = messageAad("conv-1", "msg-1", 1);

  it("round-trips text, including non-ASCII", () => {
    const text = "see you at 6 — 🚲 ok?";
    const sealed = seal(key, Buffer.from(text), aad);
    expect(sealed.ciphertext.includes(Buffer.from("see you"))).toBe(false);
    expect(open(key, sealed, aad).toString()).toBe(text);
  });

  it("uses a fresh nonce for every message", () => {
    const a = seal(key, Buffer.from("same"), aad);
    const b = seal(key, Buffer.from("same"), aad);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
  });

  it("rejects a flipped ciphertext bit, a wrong nonce, a wrong key and a moved ciphertext", () => {
    const sealed = seal(key, Buffer.from("hello there"), aad);
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0]! ^= 1;
    expect(() => open(key, { ...sealed, ciphertext: flipped }, aad)).toThrow();
    expect(() => open(key, { ...sealed, nonce: randomBytes(12) }, aad)).toThrow();
    expect(() => open(generateDataKey(), sealed, aad)).toThrow();
    expect(() => open(key, sealed, messageAad("conv-1", "msg-2", 1))).toThrow();
    expect(() => open(key, { ...sealed, ciphertext: sealed.ciphertext.subarray(0, 10) }, aad)).toThrow();
  });
});

describe("local key provider", () => {
  const keyring = { current: "k1", keys: { k1: randomBytes(32).toString("base64") } };

  it("wraps and unwraps a data key, and refuses altered or foreign wrappings", async () => {
    const p = new LocalKeyProvider(keyring);
    const dk = generateDataKey();
    const { wrapped, kekId } = await p.wrap(dk, "conv-a");
    expect(kekId).toBe("k1");
    expect((await p.unwrap(wrapped, kekId, "conv-a")).equals(dk)).toBe(true);
    await expect(p.unwrap(wrapped, kekId, "conv-b")).rejects.toThrow();
    await expect(p.unwrap(wrapped, "k2", "conv-a")).rejects.toThrow(/unknown/);
    const other = new LocalKeyProvider({ current: "k1", keys: { k1: randomBytes(32).toString("base64") } });
    await expect(other.unwrap(wrapped, kekId, "conv-a")).rejects.toThrow();
  });

  it("keeps old keys after rotation so existing data keys still unwrap", async () => {
    const p = new LocalKeyProvider(keyring);
    const dk = generateDataKey();
    const { wrapped } = await p.wrap(dk, "c");
    const rotated = new LocalKeyProvider(p.withNewKey());
    expect(rotated.currentKekId).not.toBe("k1");
    expect((await rotated.unwrap(wrapped, "k1", "c")).equals(dk)).toBe(true);
  });
});
