import { BadRequestError } from "@/lib/errors";
import { MAX_IMAGE_BYTES } from "./limits";

// Images are accepted by what their bytes are, not by what the sender says they are. A table
// of four signatures (the formats' own magic numbers) rather than the `file-type` package:
// file-type recognises some 150 formats through a tokenizer stack (strtok3, token-types, …) to
// answer a question whose only acceptable answers are these four, and it is ESM-only with
// Node-version churn; the table is the whole check and is tested byte by byte.

export const IMAGE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Each type's signatures (any one matches): byte strings expected at an offset. */
const SIGNATURES: Record<ImageType, readonly (readonly (readonly [number, readonly number[]])[])[]> = {
  // JPEG: the SOI marker followed by the first byte of the next marker (ISO/IEC 10918-1).
  "image/jpeg": [[[0, [0xff, 0xd8, 0xff]]]],
  // PNG: the fixed 8-byte signature (RFC 2083 §3.1).
  "image/png": [[[0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]]]],
  // WebP: a RIFF container whose form type is WEBP (RFC 9649 §2).
  "image/webp": [[[0, ascii("RIFF")], [8, ascii("WEBP")]]],
  // GIF: either version's header.
  "image/gif": [[[0, ascii("GIF87a")]], [[0, ascii("GIF89a")]]],
};

const matches = (bytes: Uint8Array, type: ImageType) =>
  SIGNATURES[type].some((parts) => parts.every(([offset, sig]) => bytes.length >= offset + sig.length && sig.every((b, i) => bytes[offset + i] === b)));

/** The image type the bytes are, or null when they are none of the four. */
export function sniffImageType(bytes: Uint8Array): ImageType | null {
  return IMAGE_TYPES.find((t) => matches(bytes, t)) ?? null;
}

/**
 * Decodes a base64 image and checks it is the type claimed and within the size limit.
 * `field` names where it came from, for the error.
 */
export function decodeImage(data: string, claimed: ImageType, field: { item?: number; field: string }): Buffer {
  const bytes = Buffer.from(data, "base64");
  if (bytes.length === 0) throw new BadRequestError(`${field.field}: the image is empty`, "BAD_IMAGE", field);
  if (bytes.length > MAX_IMAGE_BYTES) throw new BadRequestError(`${field.field}: the image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`, "IMAGE_TOO_LARGE", field);
  const actual = sniffImageType(bytes);
  if (actual !== claimed) {
    const what = actual ? `a ${actual} image` : "not a JPEG, PNG, WebP or GIF image";
    throw new BadRequestError(`${field.field}: the bytes are ${what}, not ${claimed} as claimed`, "IMAGE_TYPE_MISMATCH", field);
  }
  return bytes;
}
