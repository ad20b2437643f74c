import { describe, expect, it } from "vitest";
import { UUID_RE, uuidv7 } from "./ids";

describe("uuidv7", () => {
  it("is an RFC 9562 version-7 UUID: version nibble 7, variant 10", () => {
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(id).toMatch(UUID_RE);
      expect(id[14]).toBe("7");
      expect("89ab").toContain(id[19]);
    }
  });

  it("carries the time in its first 48 bits, so ids sort by creation time", () => {
    const at = Date.UTC(2026, 11, 3, 7, 40, 0, 123);
    const id = uuidv7(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    const ids = [at - 1000, at, at + 1, at + 86_400_000].map((t) => uuidv7(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it("is unique: 100 000 ids in one millisecond never repeat", () => {
    const now = Date.now();
    expect(new Set(Array.from({ length: 100_000 }, () => uuidv7(now))).size).toBe(100_000);
  });
});
