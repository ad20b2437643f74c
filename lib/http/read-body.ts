import { AppError, BadRequestError } from "@/lib/errors";

// Reads a request body as the exact text that was sent, refusing it as soon as it passes
// `maxBytes` (a declared Content-Length over the limit is refused before reading a byte), so
// an oversized body costs the server the limit at most, never its whole size in memory.
// The bytes must be valid UTF-8 and are decoded without dropping a byte-order mark, so the
// text re-encodes to exactly the bytes received: what a signature over the body covers.

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function tooLarge(maxBytes: number) {
  return new AppError(413, "BODY_TOO_LARGE", `The request body is larger than ${maxBytes.toLocaleString("en")} bytes.`);
}

export async function readBodyText(req: Request, maxBytes: number): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  try {
    return utf8.decode(Buffer.concat(chunks, size));
  } catch {
    throw new BadRequestError("The request body is not valid UTF-8.", "BAD_ENCODING");
  }
}
