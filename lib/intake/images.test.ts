import { describe, expect, it } from "vitest";
import { decodeImage, sniffImageType } from "./images";
import { MAX_IMAGE_BYTES } from "./limits";

// Images are taken for what their bytes are: each format's magic number, and nothing else.

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));
const SAMPLES = {
  "image/jpeg": bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF"),
  "image/png": bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\0\0\0\rIHDR"),
  "image/webp": bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "),
  "image/gif": bytes("GIF89a", [1, 0, 1, 0]),
} as const;

describe("image magic bytes", () => {
  it("recognises JPEG, PNG, WebP and GIF (87a and 89a)", () => {
    for (const [type, b] of Object.entries(SAMPLES)) expect(sniffImageType(b)).toBe(type);
    expect(sniffImageType(bytes("GIF87a", [1, 0]))).toBe("image/gif");
  });

  it("refuses near misses and other formats", () => {
    expect(sniffImageType(bytes("GIF88a"))).toBeNull();
    expect(sniffImageType(bytes("RIFF", [0, 0, 0, 0], "WAVEfmt "))).toBeNull(); // a WAV file
    expect(sniffImageType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a]))).toBeNull(); // truncated PNG signature
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(bytes("%PDF-1.7"))).toBeNull();
    expect(sniffImageType(bytes("<svg xmlns"))).toBeNull();
    expect(sniffImageType(new Uint8Array())).toBeNull();
  });

  it("decodeImage: the claimed type must be the actual one, within the size limit", () => {
    const where = { item: 2, field: "messages[2].attachments[0].data" };
    expect(decodeImage(SAMPLES["image/png"].toString("base64"), "image/png", where).equals(SAMPLES["image/png"])).toBe(true);
    const mismatch = (() => {
      try {
        decodeImage(SAMPLES["image/png"].toString("base64"), "image/jpeg", where);
      } catch (e) {
        return e as { code: string; where: unknown; message: string };
      }
    })();
    expect(mismatch).toMatchObject({ code: "IMAGE_TYPE_MISMATCH", where });
    expect(mismatch?.message).toContain("image/png");
    expect(() => decodeImage(Buffer.from("hello").toString("base64"), "image/gif", where)).toThrow(/not a JPEG, PNG, WebP or GIF/);
    const big = Buffer.concat([SAMPLES["image/gif"], Buffer.alloc(MAX_IMAGE_BYTES)]);
    expect(() => decodeImage(big.toString("base64"), "image/gif", where)).toThrow(/larger than 5 MiB/);
    expect(() => decodeImage("", "image/gif", where)).toThrow(/empty/);
  });
});
